// Where a scan's findings accumulate: observations under the per-host cap, errors under the
// report's cap, open ports always. One io_context only (no locks).
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/report.hpp>

#include <cstdint>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

namespace camaudit::engine {

class Collector {
public:
    explicit Collector(std::size_t max_observations_per_host) : cap_(max_observations_per_host) {}

    // A hostile host that answers with endless facts costs one error, not the scan's memory.
    void keep(Observation o);
    // Open ports and discovery facts are never dropped by the per-host cap.
    void keep_always(Observation o) { observations_.push_back(std::move(o)); }
    void note_error(ReportError error);
    void note_crash(std::exception_ptr error, std::string where);

    const std::vector<Observation>& observations() const { return observations_; }
    std::vector<Observation> take_observations() { return std::move(observations_); }
    // The recorded errors, with one line counting those past the cap.
    std::vector<ReportError> take_errors();

private:
    std::size_t cap_;
    std::vector<Observation> observations_;
    std::vector<ReportError> errors_;
    std::unordered_map<std::string, std::size_t> per_host_;
    std::uint64_t dropped_errors_ = 0;
};

// The observation of one open TCP port, as the sweep and the deep probes leave it.
Observation open_port_observation(const std::string& ip, std::uint16_t port, std::string service);

}  // namespace camaudit::engine
