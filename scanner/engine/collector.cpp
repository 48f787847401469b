// Caps first, so a dead or hostile network cannot turn the report into a list of timeouts.
#include <engine/collector.hpp>

#include <fmt/format.h>

namespace camaudit::engine {

namespace {

// Past this many recorded errors the rest are only counted.
constexpr std::size_t max_recorded_errors = 2000;

}  // namespace

void Collector::keep(Observation o) {
    const std::size_t count = ++per_host_[o.ip];
    if (count <= cap_) {
        observations_.push_back(std::move(o));
    } else if (count == cap_ + 1) {
        note_error({o.ip + ":" + std::to_string(o.port), "engine",
                    fmt::format("more than {} observations from this host; the rest are ignored", cap_)});
    }
}

void Collector::note_error(ReportError error) {
    if (errors_.size() < max_recorded_errors) errors_.push_back(std::move(error));
    else ++dropped_errors_;
}

void Collector::note_crash(std::exception_ptr error, std::string where) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        note_error({"", std::move(where), std::string("internal error: ") + e.what()});
    }
}

std::vector<ReportError> Collector::take_errors() {
    if (dropped_errors_ > 0)
        errors_.push_back({"", "engine", fmt::format("{} more errors not recorded", dropped_errors_)});
    dropped_errors_ = 0;
    return std::move(errors_);
}

Observation open_port_observation(const std::string& ip, std::uint16_t port, std::string service) {
    Observation open;
    open.ip = ip;
    open.key = "tcp.port.open";
    open.port = port;
    open.proto = "tcp";
    open.value = std::move(service);
    open.probe = "tcp_connect";
    open.time = Clock::now();
    return open;
}

}  // namespace camaudit::engine
