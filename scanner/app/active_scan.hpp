// The active scan: walk the (address, port) permutation with a window of connects and a
// rate limit, run the deep probes on every open port, collect observations.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/probe.hpp>
#include <camaudit/report.hpp>
#include <camaudit/target.hpp>
#include <targets/target_set.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

namespace camaudit::app {

struct ActiveScanOptions {
    std::vector<std::uint16_t> ports;
    std::uint64_t seed = 0;
    Shard shard;
    double rate = 1000;              // connects per second
    std::size_t concurrency = 256;   // connects outstanding at once
    std::chrono::milliseconds timeout{1500};
    int retries = 1;                 // extra tries for a connect that timed out
    std::vector<const DeepProbe*> probes;
    std::vector<const UdpProbe*> udp_probes;
    std::chrono::milliseconds udp_window{2000};  // listen time after a UDP probe's last send
    ProbeLimits limits;
    const ProbeData* data = nullptr;
    bool progress = false;           // a status line on stderr every second
    std::chrono::seconds max_duration{0};  // 0 = no limit; past it the scan stops, incomplete
};

struct ActiveScanResult {
    std::vector<Observation> observations;
    std::vector<ReportError> errors;
    std::uint64_t elements = 0;     // (address, port) pairs in this shard
    std::uint64_t connects = 0;     // connects attempted, retries included
    std::uint64_t hosts_probed = 0;
    std::uint64_t hosts_up = 0;
    std::uint64_t open_ports = 0;
    bool complete = true;
    std::string stop_reason;        // "SIGINT", "time limit", ... when not complete
};

// Runs to completion, or until SIGINT/SIGTERM (then in-flight work gets a second of grace
// and the result is marked incomplete; a second signal exits at once).
ActiveScanResult run_active_scan(const targets::TargetSet& targets, const ActiveScanOptions& options);

}  // namespace camaudit::app
