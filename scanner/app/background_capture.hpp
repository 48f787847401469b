// `scan --passive-while-scanning IF`: a live capture on IF with the same decoders and BPF
// filter as `camaudit passive`, read on a thread of its own while the ARP sweep, the active
// scan and discovery run, and what it heard kept to the scan's scope.
#pragma once
#include <camaudit/observation.hpp>
#include <net/interface_info.hpp>
#include <net/pcap_source.hpp>
#include <passive/capture_run.hpp>
#include <targets/target_set.hpp>

#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace camaudit::app {

class BackgroundCapture {
public:
    // Opens IF and installs the decoders' filter: RunError (exit 3) without CAP_NET_RAW,
    // UsageError (exit 2) for no such interface or a link type no decoder reads. Nothing is
    // read before start(); open it, then drop privileges, then start.
    explicit BackgroundCapture(const std::string& interface);
    ~BackgroundCapture();  // a capture still running is stopped and joined
    BackgroundCapture(const BackgroundCapture&) = delete;
    BackgroundCapture& operator=(const BackgroundCapture&) = delete;

    const std::string& interface() const { return options_.source_name; }
    const std::string& filter() const { return filter_; }

    // Starts the reading thread; SIGINT and SIGTERM stay with the caller's thread.
    void start();
    // Ends the capture (within about 200 ms) and returns what it heard. A capture that failed
    // gives what it had and one error; it never throws.
    passive::CaptureResult stop();

private:
    net::PcapSource source_;
    passive::CaptureOptions options_;
    std::string filter_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    passive::CaptureResult result_;
};

struct ScopeCounts {
    std::uint64_t out_of_scope = 0;  // about hosts outside the scan's targets
    std::uint64_t own_host = 0;      // the scanner's own frames (its ARP requests, ...)
};

// Adds to `macs` the MACs that hosts in `scope` use in `observations`.
void add_in_scope_macs(std::set<std::string>& macs, const targets::TargetSet& scope,
                       const std::vector<Observation>& observations);

// Keeps in `heard` the observations about hosts the scan may report: an address in `scope`,
// or no address (a DHCP DISCOVER from 0.0.0.0) but a MAC that an in-scope host uses, in
// `heard` or in `known_macs`. Drops those of the capturing interface `own` (its address or MAC).
ScopeCounts keep_in_scope(std::vector<Observation>& heard, const targets::TargetSet& scope,
                          std::set<std::string> known_macs, const std::optional<net::InterfaceInfo>& own);

}  // namespace camaudit::app
