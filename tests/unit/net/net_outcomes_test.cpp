// Proves the token bucket holds its rate (connect outcomes: tests/unit/engine/connect_sweep_test.cpp).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>
#include <net/rate_limiter.hpp>

using namespace camaudit;

TEST_CASE("the bucket hands out its burst at once, then one token per 1/rate") {
    net::RateLimiter limiter(100.0, 5.0);
    const auto start = net::RateLimiter::Clock::now();
    for (int i = 0; i < 5; ++i) CHECK(limiter.reserve(start) == start);
    const auto sixth = limiter.reserve(start);
    CHECK(std::chrono::duration<double>(sixth - start).count() == doctest::Approx(0.01).epsilon(0.01));
    const auto seventh = limiter.reserve(start);
    CHECK(std::chrono::duration<double>(seventh - start).count() == doctest::Approx(0.02).epsilon(0.01));
}

TEST_CASE("the bucket holds its rate under many concurrent takers") {
    boost::asio::io_context io;
    net::RateLimiter limiter(400.0, 1.0);
    int taken = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int task = 0; task < 20; ++task)
        boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 10; ++i) {
                co_await limiter.acquire();
                ++taken;
            }
        }, boost::asio::detached);
    io.run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(taken == 200);
    CHECK(seconds >= 199.0 / 400.0 * 0.95);  // 200 tokens at 400/s, the first free
    CHECK(seconds < 1.5);                     // and not much slower than the rate
}
