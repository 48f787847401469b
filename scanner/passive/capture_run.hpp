// A passive run: records from a capture source through link_frame and the TCP flow table to
// the decoders, collecting observations (deduplicated: memory grows with what devices say,
// not with packets) and the statistics that go into the report's scan.capture_stats.
#pragma once
#include <camaudit/packet.hpp>
#include <camaudit/report.hpp>
#include <net/pcap_source.hpp>
#include <passive/flow_table.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
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
    // Inside `scan --passive-while-scanning` the capture runs on a thread beside the scan: it
    // ends when *stop turns true (a normal end, not an interruption), and SIGINT/SIGTERM are
    // left to the scan's own handling (own_signals = false).
    const std::atomic<bool>* stop = nullptr;
    bool own_signals = true;
};

struct CaptureResult {
    std::vector<Observation> observations;
    std::map<std::string, std::uint64_t> stats;  // "packets", "malformed", "decoded.arp", ...
    std::vector<ReportError> errors;
    bool complete = true;
    std::string stop_reason;           // set when interrupted
    std::string source_name;           // the file or interface, for errors
};

// While it lives, the first SIGINT or SIGTERM sets `stop` and is remembered; a second quits
// at once (exit 128 + signal). The previous handlers come back when it goes. One at a time.
class StopSignals {
public:
    explicit StopSignals(std::atomic<bool>& stop);
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    int caught() const;  // SIGINT, SIGTERM, or 0
    // "interrupted (SIGINT)" / "terminated (SIGTERM)", as the report's options.stopped says.
    static std::string reason(int signal);

private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

// Moves a capture's statistics into report.scan.capture_stats and its errors into the
// report; packets dropped by the kernel or the interface become a warning on standard error
// and an error in the report. Shared by `passive` and `scan --passive-while-scanning`.
void record_capture(CaptureResult& result, Report& report);

// The BPF filter that lets every chosen decoder's traffic through: "(arp) or (udp port 37020)".
std::string capture_filter(std::span<const PassiveDecoder* const> decoders);

// Reads until the file ends, the duration passes, options.stop, or a signal (then
// complete = false).
// Throws UsageError (exit 2) for a link type it cannot decode, naming it.
CaptureResult run_capture(net::PcapSource& source, const CaptureOptions& options);

}  // namespace camaudit::passive
