// A passive run: records from a capture source through link_frame and the TCP flow table to
// the decoders, collecting observations (deduplicated: memory grows with what devices say,
// not with packets) and the statistics that go into the report's scan.capture_stats.
#pragma once
#include <camaudit/packet.hpp>
#include <camaudit/report.hpp>
#include <net/pcap_source.hpp>
#include <passive/flow_table.hpp>

#include <chrono>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace camaudit::passive {

inline constexpr std::size_t max_observations = 1'000'000;  // distinct facts kept per run

struct CaptureOptions {
    std::vector<const PassiveDecoder*> decoders;
    FlowLimits flows;
    std::chrono::seconds duration{0};  // live only; 0 = until SIGINT/SIGTERM
    bool progress = false;             // a status line on stderr every second
    std::string source_name;           // the file or interface, for errors
};

struct CaptureResult {
    std::vector<Observation> observations;
    std::map<std::string, std::uint64_t> stats;  // "packets", "malformed", "decoded.arp", ...
    std::vector<ReportError> errors;
    bool complete = true;
    std::string stop_reason;           // set when interrupted
};

// The BPF filter that lets every chosen decoder's traffic through: "(arp) or (udp port 37020)".
std::string capture_filter(std::span<const PassiveDecoder* const> decoders);

// Reads until the file ends, the duration passes, or a signal (then complete = false).
// Throws UsageError (exit 2) for a link type it cannot decode, naming it.
CaptureResult run_capture(net::PcapSource& source, const CaptureOptions& options);

}  // namespace camaudit::passive
