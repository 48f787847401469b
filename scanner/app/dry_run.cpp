// The figures come from engine::estimate_scan, the same window, retries and rate the engine
// runs with; this file only words them.
#include <app/dry_run.hpp>

#include <app/layer2_scan.hpp>
#include <engine/host_discovery.hpp>
#include <engine/scan_estimate.hpp>
#include <net/capabilities.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace camaudit::app {

targets::Resolver names_unresolved() {
    return [](const std::string&, std::string&) {
        return std::vector<boost::asio::ip::address>{boost::asio::ip::make_address("192.0.2.1")};
    };
}

namespace {

void print_phases(const engine::ScanEstimate& e, const ActiveScanOptions& options) {
    fmt::print("phases:\n");
    if (e.arp_requests > 0)
        fmt::print("  arp: {} requests to the on-link targets (CAP_NET_RAW); they are up exactly when they answer\n",
                   e.arp_requests);
    if (options.no_discovery)
        fmt::print("  discovery: none (--no-discovery): every address is swept\n");
    else
        fmt::print("  discovery: {} probes ({} addresses x {} ports: {})\n", e.discovery_probes,
                   e.discovery_probes / engine::discovery_ports.size(), engine::discovery_ports.size(),
                   fmt::join(engine::discovery_ports, ", "));
    fmt::print("  sweep: per host up: {} ports ({} probes if every address is up; {} retry(ies) per silent port)\n",
               e.ports_per_host, e.addresses * e.ports_per_host, options.retries);
    fmt::print("  udp: per host up: {} probes ({} if every address is up), listening {} ms after the last\n",
               e.udp_per_host, e.addresses * e.udp_per_host, options.udp_window.count());
    fmt::print("  deep probes: per host up: up to {} (the probes that apply to each open port), "
               "at most {} s per host, {} hosts at once\n",
               e.deep_per_host, std::chrono::duration_cast<std::chrono::seconds>(options.host_budget).count(),
               options.hosts_at_once);
}

}  // namespace

int print_dry_run(const ScanArgs& args, const ScanPlan& plan, const ActiveScanOptions& options) {
    // What a real run would get: the SYN sweep and the ARP sweep where CAP_NET_RAW allows.
    const bool stateless = !args.connect && net::has_net_raw();
    const engine::EstimateContext context{.stateless = stateless,
                                          .arp_addresses = planned_arp_addresses(args.layer2, *plan.scope)};
    const auto e = engine::estimate_scan(*plan.scope, options, context);
    for (const auto& warning : e.warnings) fmt::print(stderr, "camaudit: warning: {}\n", warning);
    fmt::print("camaudit scan --dry-run: the plan below is checked; nothing is sent\n");
    fmt::print("targets: {}\n", fmt::join(args.targets, ", "));
    if (!args.exclude.empty()) fmt::print("excluded: {}\n", fmt::join(args.exclude, ", "));
    fmt::print("addresses in scope: {}\n", plan.scope->size());
    fmt::print("addresses of shard {}/{}: {}\n", options.shard.index, options.shard.count, e.addresses);
    fmt::print("tcp ports: {} ({})\n", options.ports.size(), args.ports);
    fmt::print("rate: {} probes/s; timeout {} ms; retries {}; window {} connects in discovery, {} in the sweep\n",
               options.rate, options.timeout.count(), options.retries, e.discovery_window, e.sweep_window);
    fmt::print("sweep: {}\n", stateless ? "syn (stateless; CAP_NET_RAW held; IPv6 targets get the connect sweep)"
                                        : "connect (--connect, or no CAP_NET_RAW)");
    print_phases(e, options);
    fmt::print("estimate: {} if every address is silent, {} if every address is up (before the deep probes, "
               "which take at most {} more)\n",
               engine::rough_duration(e.silent_seconds), engine::rough_duration(e.up_seconds),
               engine::rough_duration(e.deep_seconds_max));
    for (const auto& file : plan.files) fmt::print("report: {} ({}), writable\n", file.path, file.format);
    if (args.layer2.arp || !args.layer2.discover.empty() || !args.layer2.listen.empty())
        fmt::print("layer 2: the ARP capture, --discover and --passive-while-scanning are not opened in a dry run\n");
    return 0;
}

}  // namespace camaudit::app
