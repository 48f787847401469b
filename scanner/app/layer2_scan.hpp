// What `scan --arp` and `scan --discover IF` add to an active scan: the ARP sweep (with the
// kernel neighbour table) before it, multicast discovery after it, and the privilege drop
// between opening the raw handle and sending anything.
#pragma once
#include <app/active_scan.hpp>
#include <camaudit/report.hpp>
#include <net/arp_sweep.hpp>
#include <net/privileges.hpp>
#include <targets/target_set.hpp>

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace camaudit::app {

struct Layer2Args {
    bool arp = false;
    std::string interface;  // for --arp; derived from the targets when empty
    std::string discover;   // interface for multicast discovery; empty = none
    std::string user;       // account to become after opening the capture (root only)
};

// Adds --arp, --interface, --discover and --user to the scan command.
void add_layer2_options(CLI::App& scan, Layer2Args& args);

class Layer2Scan {
public:
    // Before the first packet: finds the interface, opens the capture (RunError, exit 3,
    // without CAP_NET_RAW), checks every report file stays writable once privileges are
    // dropped, drops them, and records all of it in the report's options.
    Layer2Scan(const Layer2Args& args, const targets::TargetSet& scope, const std::vector<std::string>& files,
               Report& report);
    ~Layer2Scan();

    // The ARP sweep and the neighbour table, before the active scan.
    std::vector<Observation> before_active(const bool& stopping);
    // The neighbour table again (the scan's connects fill it) and multicast discovery,
    // keeping only in-scope addresses; appended to `result`.
    void after_active(ActiveScanResult& result, const std::vector<const UdpProbe*>& udp_probes);

private:
    const Layer2Args& args_;
    const targets::TargetSet& scope_;
    Report& report_;
    std::vector<boost::asio::ip::address_v4> on_subnet_;
    std::unique_ptr<net::ArpCapture> capture_;
    std::vector<Observation> swept_;
};

}  // namespace camaudit::app
