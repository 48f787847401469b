// `camaudit discover --interface IF`: the multicast discovery probes (every UDP probe with a
// multicast_group: WS-Discovery, SADP, Dahua DHIP, SSDP, mDNS) sent on one interface only,
// answers collected for a bounded time from any address of that interface's subnet, reported like a scan.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/probe.hpp>
#include <camaudit/report.hpp>
#include <net/interface_info.hpp>

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace camaudit::app {

struct DiscoverArgs {
    std::string interface;
    std::string duration = "5s";
    std::string out = "camaudit-report.json";
    std::string format = "json";
    std::string probes = "all";
    std::string profile;  // --profile; empty: the default "all"
    std::vector<std::string> policies;
    std::string fingerprints;
    std::string fail_on = "prohibited";
    std::string user;  // as root: the account to become before sending (app/least_privilege.hpp)
    bool quiet = false;
};

CLI::App* add_discover_command(CLI::App& app, DiscoverArgs& args);
struct Invocation;  // provenance.hpp
int run_discover(const DiscoverArgs& args, const Invocation& invocation);

// "5s", "500ms", "2m" or plain seconds; throws UsageError otherwise or past one hour.
std::chrono::milliseconds parse_duration(const std::string& text);

struct DiscoveryResult {
    std::vector<Observation> observations;
    std::vector<ReportError> errors;
    std::uint64_t datagrams_sent = 0;
    std::uint64_t answers = 0;        // datagrams interpreted as answers
    std::uint64_t off_subnet = 0;     // datagrams from outside the interface's subnet, dropped
    std::uint64_t over_cap = 0;       // datagrams past their sender's cap, dropped and named in errors
};

// Sends each probe of `probes` that has a multicast_group once to that group on `interface`
// (from its own ephemeral port, so answers come back by unicast) and listens for
// `duration`; the MACs of the hosts that answered are added from the neighbour table.
DiscoveryResult multicast_discover(const net::InterfaceInfo& interface, const std::vector<const UdpProbe*>& probes,
                                   std::chrono::milliseconds duration);

}  // namespace camaudit::app
