// The progress line of an active scan: the phase, how far it got, its rate, the elapsed time
// and an estimate of what is left.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace camaudit::engine {

enum class Phase { discovery, sweep, deep_probes };

struct Progress {
    Phase phase = Phase::discovery;
    std::uint64_t done = 0;   // probes sent in this phase (hosts finished in deep probes)
    std::uint64_t total = 0;  // probes planned in this phase (hosts to probe in deep probes)
    std::chrono::steady_clock::duration phase_elapsed{};
    std::chrono::steady_clock::duration elapsed{};  // since the scan began
    std::uint64_t hosts_up = 0;   // found by discovery (or, with --no-discovery, that answered)
    std::uint64_t devices = 0;    // hosts with an open port or a UDP answer so far
    std::uint64_t open_ports = 0;
    std::uint64_t prohibited = 0; // devices judged prohibited so far
};

const char* to_string(Phase phase);

// "sweep 1200/6000 probes (20%), 400/s, elapsed 0:07, ETA 0:12, 5 hosts up, 3 devices, 1 prohibited, 9 open ports"
std::string progress_line(const Progress& progress);

}  // namespace camaudit::engine
