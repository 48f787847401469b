// Token bucket by reservation: each caller takes the next token's due time and sleeps until
// then, so concurrent tasks are paced without a queue of their own.
#include <net/rate_limiter.hpp>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>

namespace camaudit::net {

RateLimiter::RateLimiter(double rate, double burst)
    : rate_(rate), burst_(std::max(1.0, burst)), tokens_(std::max(1.0, burst)),
      updated_(Clock::now()) {
    if (!(rate > 0)) throw std::invalid_argument("rate must be positive");
}

RateLimiter::Clock::time_point RateLimiter::reserve(Clock::time_point now) {
    if (now > updated_) {
        const double elapsed = std::chrono::duration<double>(now - updated_).count();
        tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
        updated_ = now;
    }
    tokens_ -= 1.0;  // may go negative: the debt is the wait of whoever comes next
    if (tokens_ >= 0) return now;
    const auto wait = std::chrono::duration<double>(-tokens_ / rate_);
    return updated_ + std::chrono::duration_cast<Clock::duration>(wait);
}

boost::asio::awaitable<void> RateLimiter::acquire() {
    const auto due = reserve(Clock::now());
    if (due <= Clock::now()) co_return;
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, due);
    co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
}

}  // namespace camaudit::net
