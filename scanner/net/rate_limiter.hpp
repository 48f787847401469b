// A token bucket for probes per second, shared by every task on one io_context.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>

namespace camaudit::net {

// acquire() completes when the caller may send one probe. Tokens accrue at `rate` per
// second up to `burst`; callers wait their turn in order. One io_context only (no locks).
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(double rate, double burst);
    boost::asio::awaitable<void> acquire();
    double rate() const { return rate_; }

    // The time the next token is due, having reserved it (exposed for tests).
    Clock::time_point reserve(Clock::time_point now);

private:
    double rate_;
    double burst_;
    double tokens_;
    Clock::time_point updated_;
};

}  // namespace camaudit::net
