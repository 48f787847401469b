// `window` worker coroutines on one io_context share one walk of the (address, port)
// permutation and one token bucket; each connect races its timeout.
#include <engine/connect_sweep.hpp>

#include <engine/connect_window.hpp>
#include <engine/rtt_estimate.hpp>
#include <net/rate_limiter.hpp>
#include <targets/permutation.hpp>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <memory>
#include <tuple>

namespace camaudit::engine {
namespace asio = boost::asio;

namespace {

constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);
// Back-off after the machine ran out of descriptors, buffers or source ports: doubles from
// the first pause to the last, and a pair that meets it this often is given up (send_errors).
constexpr std::chrono::milliseconds first_pause{10};
constexpr std::chrono::milliseconds longest_pause{1000};
constexpr int backoffs_per_pair = 12;
constexpr std::chrono::milliseconds stop_poll{20};

enum class Outcome { open, closed, silent, exhausted, failed };

// One connect and its deadline; shared with the timer's handler, which may run after the
// coroutine that started them has moved on.
struct Attempt {
    Attempt(boost::asio::io_context& io, std::chrono::milliseconds timeout) : socket(io), deadline(io, timeout) {}
    boost::asio::ip::tcp::socket socket;
    boost::asio::steady_timer deadline;
    bool timed_out = false;
};

Outcome classify(const boost::system::error_code& error) {
    if (!error) return Outcome::open;
    switch (error.value()) {
        case ECONNREFUSED: case ECONNRESET: return Outcome::closed;  // the host's own TCP stack answered
        case EHOSTUNREACH: case ENETUNREACH: case ETIMEDOUT: return Outcome::silent;  // ARP failure or a router
        case EMFILE: case ENFILE: case ENOBUFS: case EADDRNOTAVAIL: case EAGAIN: return Outcome::exhausted;
        default: return Outcome::failed;
    }
}

class ConnectRun {
public:
    ConnectRun(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop)
        : plan_(plan), sink_(sink), stop_(stop),
          permutation_(plan.addresses.size * plan.ports.size(), plan.seed), walk_(permutation_, plan.shard),
          limiter_(plan.rate, std::max(1.0, plan.rate / 10)), pause_until_(asio::steady_timer::clock_type::now()),
          watch_(io_) {
        stats_.elements = plan.ports.empty() ? 0 : walk_.total();
    }

    SweepStats run() {
        if (stats_.elements == 0) return stats_;
        const std::size_t window = std::min<std::uint64_t>(
            connect_window(std::max<std::size_t>(1, plan_.concurrency), stats_.warnings), stats_.elements);
        for (std::size_t i = 0; i < window; ++i) {
            ++workers_;
            asio::co_spawn(io_, worker(), [this](std::exception_ptr) {
                if (--workers_ == 0) watch_.cancel();
            });
        }
        asio::co_spawn(io_, watch_stop(), asio::detached);
        io_.run();
        if (stop_) stats_.complete = false;  // also when every worker saw the stop before the watch did
        return stats_;
    }

private:
    // Polls the caller's flag; once set, in-flight connects are abandoned with the context.
    asio::awaitable<void> watch_stop() {
        while (workers_ > 0) {
            if (stop_) {
                stats_.complete = false;
                io_.stop();
                co_return;
            }
            watch_.expires_after(stop_poll);
            co_await watch_.async_wait(tuple_awaitable);
        }
    }

    asio::awaitable<void> worker() {
        while (!stop_) {
            const auto element = walk_.next();
            if (!element) break;
            const auto address = plan_.addresses.at(*element / plan_.ports.size());
            if (plan_.skip && plan_.skip(address)) continue;
            const auto port = plan_.ports[*element % plan_.ports.size()];
            co_await probe_pair(asio::ip::tcp::endpoint(address, port));
        }
    }

    asio::awaitable<void> probe_pair(asio::ip::tcp::endpoint endpoint) {
        int silent_tries = 0, backoffs = 0;
        while (!stop_) {
            co_await wait_out_pause();
            co_await limiter_.acquire();
            if (stop_) co_return;
            const auto started = std::chrono::steady_clock::now();
            const auto outcome = co_await connect_once(endpoint);
            if (outcome == Outcome::exhausted) {
                if (++backoffs > backoffs_per_pair) {
                    ++stats_.send_errors;
                    co_return;
                }
                back_off();
                continue;
            }
            pause_ = first_pause;
            if (outcome == Outcome::failed) {
                ++stats_.refused;  // EACCES (a broadcast address), EPERM, no route: never sent
                co_return;
            }
            if (outcome == Outcome::silent) {
                if (++silent_tries > plan_.retries || !worth_retry(endpoint.address())) co_return;
                continue;
            }
            report(endpoint, outcome, std::chrono::steady_clock::now() - started);
            co_return;
        }
    }

    // The deadline cancels the connect from a timer handler rather than through
    // awaitable_operators: Boost 1.81's parallel_group left a dangling cancellation slot
    // here (UBSan, invalid vptr in cancellation_slot::clear) once descriptors ran out.
    asio::awaitable<Outcome> connect_once(const asio::ip::tcp::endpoint& endpoint) {
        auto attempt = std::make_shared<Attempt>(io_, plan_.timeout);
        boost::system::error_code error;
        attempt->socket.open(endpoint.protocol(), error);  // EMFILE/ENFILE/ENOBUFS show here
        if (error) co_return classify(error);
        count_sent();
        attempt->deadline.async_wait([attempt](const boost::system::error_code& waited) {
            if (waited) return;
            attempt->timed_out = true;
            boost::system::error_code ignored;
            attempt->socket.cancel(ignored);
        });
        std::tie(error) = co_await attempt->socket.async_connect(endpoint, tuple_awaitable);
        attempt->deadline.cancel();
        boost::system::error_code ignored;
        attempt->socket.close(ignored);  // the descriptor goes back now, not when the timer's handler runs
        if (attempt->timed_out) co_return Outcome::silent;
        co_return classify(error);
    }

    bool worth_retry(const asio::ip::address& host) const { return !plan_.retry_silent || plan_.retry_silent(host); }

    void count_sent() {
        ++stats_.sent;
        if (plan_.sent_counter) plan_.sent_counter->fetch_add(1, std::memory_order_relaxed);
    }

    void report(const asio::ip::tcp::endpoint& endpoint, Outcome outcome, std::chrono::steady_clock::duration rtt) {
        SweepReply reply{endpoint.address(), endpoint.port(), outcome == Outcome::open ? PortReply::open : PortReply::closed,
                         std::chrono::duration_cast<std::chrono::microseconds>(rtt)};
        ++(outcome == Outcome::open ? stats_.open : stats_.closed);
        if (plan_.rtt_samples) plan_.rtt_samples->add(reply.rtt);
        sink_(reply);
    }

    // Every worker waits out the pause; the next exhaustion doubles it.
    void back_off() {
        ++stats_.backoffs;
        pause_until_ = std::max(pause_until_, asio::steady_timer::clock_type::now() + pause_);
        pause_ = std::min(longest_pause, pause_ * 2);
    }

    asio::awaitable<void> wait_out_pause() {
        if (pause_until_ <= asio::steady_timer::clock_type::now()) co_return;
        asio::steady_timer timer(io_, pause_until_);
        co_await timer.async_wait(tuple_awaitable);
    }

    const SweepPlan& plan_;
    const ReplySink& sink_;
    const std::atomic<bool>& stop_;
    asio::io_context io_{1};
    targets::Permutation permutation_;
    targets::ShardWalk walk_;
    net::RateLimiter limiter_;
    std::chrono::milliseconds pause_ = first_pause;
    asio::steady_timer::clock_type::time_point pause_until_;
    asio::steady_timer watch_;
    std::size_t workers_ = 0;
    SweepStats stats_;
};

}  // namespace

SweepStats ConnectSweep::run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) {
    ConnectRun run(plan, sink, stop);
    return run.run();
}

}  // namespace camaudit::engine
