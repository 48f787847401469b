// RFC 6298 section 2: the first sample sets srtt = R and rttvar = R/2; each later one moves
// rttvar by a quarter of |srtt - R| and srtt by an eighth of R - srtt.
#include <engine/rtt_estimate.hpp>

#include <algorithm>
#include <cmath>

namespace camaudit::engine {

namespace {
constexpr double alpha = 1.0 / 8;
constexpr double beta = 1.0 / 4;
}  // namespace

void RttEstimate::add(std::chrono::microseconds rtt) {
    if (rtt.count() <= 0) return;
    const auto r = static_cast<double>(rtt.count());
    const std::lock_guard lock(guard_);
    if (samples_ == 0) {
        srtt_us_ = r;
        rttvar_us_ = r / 2;
    } else {
        rttvar_us_ = (1 - beta) * rttvar_us_ + beta * std::abs(srtt_us_ - r);
        srtt_us_ = (1 - alpha) * srtt_us_ + alpha * r;
    }
    slowest_us_ = std::max(slowest_us_, r);
    ++samples_;
}

std::chrono::milliseconds RttEstimate::timeout() const {
    const std::lock_guard lock(guard_);
    if (samples_ < bounds_.min_samples) return bounds_.ceiling;
    const double us = std::max(srtt_us_ + 4 * rttvar_us_, 2 * slowest_us_);
    const auto ms = std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(us / 1000)));
    return std::clamp(ms, std::min(bounds_.floor, bounds_.ceiling), bounds_.ceiling);
}

bool RttEstimate::learned() const {
    const std::lock_guard lock(guard_);
    return samples_ >= bounds_.min_samples;
}

std::size_t RttEstimate::samples() const {
    const std::lock_guard lock(guard_);
    return samples_;
}

}  // namespace camaudit::engine
