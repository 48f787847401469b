// The ARP sweep: who-has requests for every in-scope address of a directly attached IPv4
// subnet, sent through libpcap (pcap_inject) under the token bucket, and the replies read
// back through a pcap "arp" filter for a bounded time. Every live host answers ARP, even
// one whose ports are all filtered, and its MAC names the maker through the OUI.
#pragma once
#include <camaudit/observation.hpp>
#include <net/interface_info.hpp>

#include <boost/asio/ip/address_v4.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace camaudit::net {

struct ArpSweepOptions {
    double rate = 200;                                   // requests per second
    std::chrono::milliseconds listen_window{1500};       // after the last request
};

struct ArpSweepStats {
    std::uint64_t requests = 0;
    std::uint64_t replies = 0;     // ARP frames from a target address
    std::uint64_t inject_errors = 0;
};

// The open capture handle. Opening needs CAP_NET_RAW; everything after does not, so the
// caller opens, drops privileges (net/privileges.hpp), then sweeps.
class ArpCapture {
public:
    // Throws RunError: without CAP_NET_RAW the message says how to grant it (exit 3).
    explicit ArpCapture(InterfaceInfo interface);
    ~ArpCapture();
    ArpCapture(const ArpCapture&) = delete;
    ArpCapture& operator=(const ArpCapture&) = delete;

    const InterfaceInfo& interface() const { return interface_; }

    // One request per target on the interface's subnet (others skipped), then replies until
    // the listen window after the last request; one `arp.mac` observation (probe "arp") per
    // (address, MAC) heard. `stopping` is polled between requests.
    std::vector<Observation> sweep(const std::vector<boost::asio::ip::address_v4>& targets,
                                   const ArpSweepOptions& options, const std::atomic<bool>& stopping);
    const ArpSweepStats& stats() const { return stats_; }

    struct Handle;  // the pcap handle and what the sweep heard (arp_sweep.cpp)

private:
    InterfaceInfo interface_;
    std::unique_ptr<Handle> handle_;
    ArpSweepStats stats_;
};

// `arp.mac` observations (probe "neighbour") for the targets the kernel's neighbour table
// already holds a complete entry for.
std::vector<Observation> neighbour_observations(const std::vector<boost::asio::ip::address_v4>& targets);

// The text of the exit-3 error when a capture cannot be opened for lack of permission.
std::string capture_permission_hint();

}  // namespace camaudit::net
