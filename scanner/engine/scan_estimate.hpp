// What a scan would do before it does it: the probes of each phase and how long they take
// at the extremes (every address silent, every address up), from the same window, rate,
// timeout and retries the engine uses. Nothing here opens a socket.
#pragma once
#include <engine/scan_engine.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace camaudit::engine {

// What app/ knows of the run that the engine options do not say: which sweep it will be and
// how many addresses an ARP sweep settles before discovery.
struct EstimateContext {
    bool stateless = false;             // the SYN sweep: no window, the rate alone binds
    std::uint64_t arp_addresses = 0;    // on-link addresses the ARP sweep asks (every shard asks all)
};

struct ScanEstimate {
    std::uint64_t addresses = 0;           // of this shard
    std::uint64_t arp_requests = 0;        // ARP requests before discovery (context.arp_addresses)
    std::uint64_t discovery_probes = 0;    // unsettled addresses x discovery ports (0 with --no-discovery)
    std::uint64_t ports_per_host = 0;      // the sweep's probes per host up
    std::uint64_t udp_per_host = 0;        // UDP probes per host up
    std::uint64_t deep_per_host = 0;       // deep probes of a host whose every swept port is open
    std::size_t discovery_window = 0;      // connects outstanding at once
    std::size_t sweep_window = 0;
    double silent_seconds = 0;             // every address silent: discovery's timeouts only
    double up_seconds = 0;                 // every address up, before the deep probes
    double deep_seconds_max = 0;           // deep probes of every address, each at its budget
    std::vector<std::string> warnings;     // a concurrency the descriptor limit lowers
};

// The shard's share of `targets` as the engine walks it, and the estimate over it.
ScanEstimate estimate_scan(const targets::TargetSet& targets, const ScanOptions& options,
                           const EstimateContext& context = {});

// Seconds a connect sweep of `pairs` takes when every probe meets silence (each holds a
// window slot for the whole timeout, then retries) or when every probe is answered at once.
double silent_sweep_seconds(std::uint64_t pairs, double rate, std::size_t window, std::chrono::milliseconds timeout,
                            int retries);
double answered_sweep_seconds(std::uint64_t pairs, double rate);
// The SYN sweep keeps no slot per probe: the rate, then one wait for late replies.
double stateless_sweep_seconds(std::uint64_t probes, double rate, std::chrono::milliseconds late_wait);

// "6 min", "1 h 40 min", "45 s": the rounded figure a person plans with.
std::string rough_duration(double seconds);

// "camaudit: 65536 addresses, about 7 min (all silent) to 40 min (all up) at 1000 probes/s"
std::string estimate_line(const ScanEstimate& estimate, double rate);

}  // namespace camaudit::engine
