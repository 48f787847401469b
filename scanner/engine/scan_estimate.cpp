// The estimate walks no address: it needs only the shard's size, so a /8 costs what a /24
// costs. The deep probes are bounded by the per-host budget, not estimated from a model of
// each device, so they are stated apart from the sweep figures.
#include <engine/scan_estimate.hpp>

#include <engine/connect_window.hpp>
#include <engine/host_discovery.hpp>
#include <targets/permutation.hpp>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace camaudit::engine {

namespace {

double seconds_of(std::chrono::milliseconds duration) { return std::chrono::duration<double>(duration).count(); }

std::uint64_t shard_size(const targets::TargetSet& targets, Shard shard) {
    return targets::ShardWalk(targets::Permutation(targets.size(), 0), shard).total();
}

std::uint64_t deep_probes_per_host(const ScanOptions& options) {
    std::uint64_t count = 0;
    for (const auto port : options.ports)
        for (const DeepProbe* probe : options.probes) count += probe->applies(port) ? 1 : 0;
    return count;
}

}  // namespace

double silent_sweep_seconds(std::uint64_t pairs, double rate, std::size_t window, std::chrono::milliseconds timeout,
                            int retries) {
    if (pairs == 0) return 0;
    const double slots_per_second = static_cast<double>(window) / std::max(1e-3, seconds_of(timeout));
    const double probes = static_cast<double>(pairs) * (1 + retries);
    return probes / std::min(rate, slots_per_second) + seconds_of(timeout);  // the last probe's wait
}

double answered_sweep_seconds(std::uint64_t pairs, double rate) { return static_cast<double>(pairs) / rate; }

double stateless_sweep_seconds(std::uint64_t probes, double rate, std::chrono::milliseconds late_wait) {
    return probes == 0 ? 0 : static_cast<double>(probes) / rate + seconds_of(late_wait);
}

ScanEstimate estimate_scan(const targets::TargetSet& targets, const ScanOptions& options, const EstimateContext& context) {
    ScanEstimate e;
    e.addresses = shard_size(targets, options.shard);
    e.arp_requests = context.arp_addresses;
    // Each shard ARPs the whole segment; its own share of what that settles is skipped.
    const std::uint64_t settled = std::min(e.addresses, context.arp_addresses / std::max<std::uint64_t>(1, options.shard.count));
    const double arp_seconds = stateless_sweep_seconds(e.arp_requests, options.rate, std::chrono::milliseconds(1500));
    e.ports_per_host = options.ports.size();
    e.udp_per_host = options.udp_probes.size();
    e.deep_per_host = deep_probes_per_host(options);
    e.sweep_window = connect_window(std::max<std::size_t>(1, options.concurrency), e.warnings);
    e.discovery_window = discovery_window(options.rate, options.timeout, e.sweep_window);
    const double udp_wait = e.udp_per_host ? seconds_of(options.udp_window) : 0;
    const std::uint64_t all_pairs = e.addresses * e.ports_per_host;
    const std::uint64_t all_udp = e.addresses * e.udp_per_host;
    if (options.no_discovery) {
        // Every address is swept (with retries) and sent the UDP probes, answer or not.
        e.silent_seconds = arp_seconds +
                           silent_sweep_seconds(all_pairs, options.rate, e.sweep_window, options.timeout, options.retries) +
                           answered_sweep_seconds(all_udp, options.rate) + udp_wait;
    } else {
        e.discovery_probes = (e.addresses - settled) * discovery_ports.size();
        e.silent_seconds = arp_seconds +
                           (context.stateless ? stateless_sweep_seconds(e.discovery_probes, options.rate, options.timeout)
                                              : silent_sweep_seconds(e.discovery_probes, options.rate, e.discovery_window,
                                                                     options.timeout, discovery_retries));
    }
    e.up_seconds = arp_seconds + answered_sweep_seconds(e.discovery_probes + all_pairs + all_udp, options.rate) + udp_wait;
    const double rounds = std::ceil(static_cast<double>(e.addresses) / std::max<std::size_t>(1, options.hosts_at_once));
    e.deep_seconds_max = e.deep_per_host ? rounds * std::chrono::duration<double>(options.host_budget).count() : 0;
    return e;
}

std::string rough_duration(double seconds) {
    const auto s = static_cast<std::uint64_t>(std::llround(std::max(0.0, seconds)));
    if (s < 90) return fmt::format("{} s", std::max<std::uint64_t>(1, s));
    const std::uint64_t minutes = (s + 30) / 60;
    if (minutes < 90) return fmt::format("{} min", minutes);
    return minutes % 60 ? fmt::format("{} h {} min", minutes / 60, minutes % 60) : fmt::format("{} h", minutes / 60);
}

std::string estimate_line(const ScanEstimate& e, double rate) {
    return fmt::format("camaudit: {} addresses, about {} (all silent) to {} (all up, before deep probes) at {} probes/s",
                       e.addresses, rough_duration(e.silent_seconds), rough_duration(e.up_seconds), rate);
}

}  // namespace camaudit::engine
