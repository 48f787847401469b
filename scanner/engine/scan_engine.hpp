// The active scan: host discovery over a few camera ports, the full port table on the hosts
// found up, the UDP probes to those hosts, and the deep probes in their own scheduler.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/probe.hpp>
#include <camaudit/report.hpp>
#include <camaudit/target.hpp>
#include <engine/sweep.hpp>
#include <targets/target_set.hpp>

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace camaudit::engine {

struct ScanOptions {
    std::vector<std::uint16_t> ports;
    std::uint64_t seed = 0;
    Shard shard;                     // slices the addresses: each host is audited by one shard
    double rate = 1000;              // probes per second, discovery and sweep alike
    std::size_t concurrency = 256;   // connects outstanding at once
    std::chrono::milliseconds timeout{1500};
    int retries = 1;                 // extra tries for a connect that stayed silent
    // The port sweep's timeout learned from discovery's round trips, `timeout` its ceiling,
    // and retries only for hosts that show loss (docs/performance.md); off: `timeout` as it is.
    bool adaptive_timing = true;
    bool no_discovery = false;       // every address is taken as up (nmap -Pn)
    // The SYN sweep app/ opened before dropping privileges (IPv4 only), or null: the connect
    // sweep for every address. With one, IPv6 targets still go to the connect sweep.
    Sweep* fast_sweep = nullptr;
    std::vector<boost::asio::ip::address> known_up;  // ARP replies and the neighbour table
    // When set, the addresses the ARP sweep covered: such an address is up exactly when it is
    // in known_up, and discovery sends it nothing (a host on the segment that leaves ARP
    // unanswered cannot be reached by any IP probe; nmap's ARP ping rests on the same fact).
    std::function<bool(const boost::asio::ip::address&)> settled_by_arp;
    std::vector<const DeepProbe*> probes;
    std::vector<const UdpProbe*> udp_probes;
    std::chrono::milliseconds udp_window{2000};  // listen time after a UDP probe's last send
    std::chrono::milliseconds host_budget{30000};  // deep probes of one host at most
    std::size_t hosts_at_once = 64;                // hosts deep-probed at once
    ProbeLimits limits;
    const ProbeData* data = nullptr;
    bool progress = false;           // a status line on stderr every second
    // Called on the io thread with a host's observations once its deep probes are done; true
    // when the host is judged prohibited (app/ runs identify and policy: the engine knows neither).
    // The progress line counts the true answers. May be empty.
    std::function<bool(const std::vector<Observation>&)> judge_host;
    std::chrono::seconds max_duration{0};  // 0 = no limit; past it the scan stops, incomplete
};

struct ScanResult {
    std::vector<Observation> observations;
    std::vector<ReportError> errors;
    std::uint64_t elements = 0;     // (address, port) pairs of discovery and sweep
    std::uint64_t connects = 0;     // probes sent, retries included
    std::uint64_t hosts_probed = 0; // addresses of this shard
    std::uint64_t hosts_up = 0;     // hosts with an open port or a UDP answer (devices-to-be)
    std::uint64_t hosts_found_up = 0;  // hosts discovery found up (any reply, ARP included)
    std::uint64_t discovery_probes = 0;  // TCP probes discovery sent (none to what ARP settled)
    std::uint64_t open_ports = 0;
    std::chrono::milliseconds timeout_learned{0};  // the port sweep's; 0 = not learned (or off)
    std::uint64_t rtt_samples = 0;  // replies whose round trip fed the estimate
    std::string sweep;              // which sweep ran: "syn", "connect", or "syn+connect" (both families)
    bool complete = true;
    std::string stop_reason;        // "interrupted (SIGINT)", "time limit reached", ...
};

// Runs to completion, or until SIGINT/SIGTERM or the time limit (then in-flight work gets a
// second of grace and the result is marked incomplete; a second signal exits at once).
ScanResult run_scan(const targets::TargetSet& targets, const ScanOptions& options);

}  // namespace camaudit::engine
