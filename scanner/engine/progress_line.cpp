// The ETA is the phase's remainder at the phase's mean rate so far: honest enough for a sweep
// under a token bucket, and unknown (shown as "-") before the first second of data.
#include <engine/progress_line.hpp>

#include <algorithm>
#include <fmt/format.h>

namespace camaudit::engine {

namespace {

std::string clock_text(double seconds) {
    const auto total = static_cast<std::uint64_t>(std::max(0.0, seconds));
    if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

const char* to_string(Phase phase) {
    switch (phase) {
        case Phase::discovery: return "discovery";
        case Phase::sweep: return "sweep";
        case Phase::deep_probes: return "deep probes";
    }
    return "scan";
}

std::string progress_line(const Progress& p) {
    const double phase_seconds = std::chrono::duration<double>(p.phase_elapsed).count();
    const double rate = phase_seconds > 0.5 ? p.done / phase_seconds : 0;
    const std::uint64_t done = std::min(p.done, p.total);
    const double percent = p.total ? 100.0 * done / p.total : 100;
    const std::string eta = rate > 0 ? clock_text((p.total - done) / rate) : "-";
    const char* unit = p.phase == Phase::deep_probes ? "hosts" : "probes";
    const std::string rate_text = p.phase == Phase::deep_probes ? fmt::format("{:.1f} hosts/s", rate)
                                                                 : fmt::format("{:.0f}/s", rate);
    return fmt::format("{} {}/{} {} ({:.0f}%), {}, elapsed {}, ETA {}, {} hosts up, {} devices, {} prohibited, {} open ports",
                       to_string(p.phase), done, p.total, unit, percent, rate_text,
                       clock_text(std::chrono::duration<double>(p.elapsed).count()), eta, p.hosts_up, p.devices,
                       p.prohibited, p.open_ports);
}

}  // namespace camaudit::engine
