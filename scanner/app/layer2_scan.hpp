// What `scan --arp`, `scan --discover IF` and `scan --passive-while-scanning IF` add to an
// active scan: the ARP sweep (with the kernel neighbour table) before it, multicast discovery
// after it, and a live capture all through it. Their raw handles are opened before the
// scan's one privilege drop (app/least_privilege.hpp) and closed as soon as each is done.
#pragma once
#include <app/active_scan.hpp>
#include <app/background_capture.hpp>
#include <camaudit/report.hpp>
#include <net/arp_sweep.hpp>
#include <net/privileges.hpp>
#include <targets/target_set.hpp>

#include <CLI/CLI.hpp>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace camaudit::app {

struct Layer2Args {
    bool arp = false;       // --arp: ARP-sweep the attached subnet, or exit 2 when there is none
    bool no_arp = false;    // --no-arp: not even the default ARP sweep of a privileged scan
    std::string interface;  // for --arp; derived from the targets when empty
    std::string discover;   // interface for multicast discovery; empty = none
    std::string listen;     // --passive-while-scanning: interface to capture on; empty = none
    std::string user;       // account to become once the raw handles are open (root only)
};

// Adds --arp, --interface, --discover, --passive-while-scanning (--listen) and --user to the
// scan command.
void add_layer2_options(CLI::App& scan, Layer2Args& args);

// How many in-scope addresses the ARP sweep would ask, without opening anything (the dry
// run): those on the attached subnet, 0 under --no-arp or without CAP_NET_RAW.
std::uint64_t planned_arp_addresses(const Layer2Args& args, const targets::TargetSet& scope);

class Layer2Scan {
public:
    // Before the first packet and before the privilege drop: finds the interface, opens the
    // ARP handle and the listening capture (RunError, exit 3, without CAP_NET_RAW), and
    // records them in the report's options. Without --arp (and unless --no-arp) it still
    // ARP-sweeps the targets on a directly attached subnet when the capture opens
    // (CAP_NET_RAW), quietly skipped otherwise.
    Layer2Scan(const Layer2Args& args, const targets::TargetSet& scope, Report& report);
    ~Layer2Scan();

    // Starts the listening capture, then the ARP sweep and the neighbour table. SIGINT or
    // SIGTERM during the sweep ends it (within the 1.5 s listen window) and makes
    // interrupted() true; the caller skips the active scan then. A true `stopping` skips the
    // sweep.
    std::vector<Observation> before_active(double rate, const bool& stopping = false);
    // After before_active: the addresses the ARP sweep covered, each up exactly when it
    // answered (ScanOptions::settled_by_arp); empty when no sweep ran or it did not cover
    // every address on the subnet (interrupted, requests not sent, scope beyond its cap).
    std::function<bool(const boost::asio::ip::address&)> arp_settled() const;
    // The addresses the ARP sweep will ask (0 when there is none); known once constructed.
    std::uint64_t arp_addresses() const { return arp_subnet_ ? on_subnet_.size() : 0; }
    // True once a signal stopped the sweep or discovery: the report is incomplete.
    bool interrupted() const { return interrupted_; }
    // The neighbour table again (the scan's connects fill it), multicast discovery (skipped
    // when the scan was interrupted), then stops the listening capture; keeps only in-scope
    // addresses, appended to `result`, with the capture's statistics in the report.
    void after_active(ActiveScanResult& result, const std::vector<const UdpProbe*>& udp_probes);

private:
    const Layer2Args& args_;
    const targets::TargetSet& scope_;
    Report& report_;
    std::vector<boost::asio::ip::address_v4> on_subnet_;
    std::unique_ptr<net::ArpCapture> capture_;  // closed once the sweep is over
    std::optional<net::InterfaceInfo> arp_subnet_;  // where the sweep asks; stays after the close
    bool arp_complete_ = false;  // every on-subnet address of the scope got its request
    std::vector<Observation> swept_;
    std::unique_ptr<BackgroundCapture> listener_;
    std::atomic<bool> interrupted_{false};
    std::string stop_reason_;

    void open_raw_handles(bool default_arp);
    void discover(ActiveScanResult& result, const std::vector<const UdpProbe*>& udp_probes);
    void merge_heard(ActiveScanResult& result, std::set<std::string>& up);
};

}  // namespace camaudit::app
