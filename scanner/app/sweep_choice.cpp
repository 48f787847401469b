// The sweep choice: readiness, one route for every IPv4 interval, then the open itself.
#include <app/sweep_choice.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>
#include <stdexcept>

namespace camaudit::app {
namespace {

namespace ip = boost::asio::ip;

// The source addresses the IPv4 intervals are reached from (one route lookup per interval).
std::set<ip::address_v4> route_sources(const std::vector<ip::address_v4>& starts) {
    std::set<ip::address_v4> sources;
    for (const auto& start : starts) sources.insert(engine::SynSweep::route_source(start));
    return sources;
}

std::string listed(const std::set<ip::address_v4>& sources) {
    std::vector<std::string> names;
    for (const auto& source : sources) names.push_back(source.to_string());
    return fmt::format("{}", fmt::join(names, ", "));
}

// Opens the SYN sweep, or throws RunError saying why it cannot run for these targets.
std::unique_ptr<engine::SynSweep> open_syn(const std::vector<ip::address_v4>& starts) {
    if (starts.empty()) throw RunError("the SYN sweep is IPv4 only and no target is IPv4");
    if (const auto ready = engine::syn_sweep_ready(); !ready.ready) throw RunError(ready.reason);
    if (const auto sources = route_sources(starts); sources.size() > 1)
        throw RunError(fmt::format("the IPv4 targets are reached from {} source addresses ({}) and the SYN sweep "
                                   "takes one route: the connect sweep probes them all",
                                   sources.size(), listed(sources)));
    return engine::SynSweep::open(starts.front());
}

}  // namespace

SweepChoice choose_sweep(SweepRequest request, const targets::TargetSet& scope) {
    if (request == SweepRequest::connect) return {};
    std::vector<ip::address_v4> starts;
    for (const auto& start : scope.interval_starts())
        if (start.is_v4()) starts.push_back(start.to_v4());
    try {
        return {open_syn(starts), ""};
    } catch (const std::runtime_error& e) {  // RunError, or a UsageError from the capture
        if (request == SweepRequest::syn)
            throw UsageError(fmt::format("--syn (nmap's -sS): {}", e.what()), "run as root (or with cap_net_raw), or drop --syn to let camaudit fall back to the connect sweep");
        // IPv6 targets alone use the connect sweep by design: nothing to say.
        return {nullptr, starts.empty() ? "" : e.what()};
    }
}

}  // namespace camaudit::app
