// The active scan engine: `concurrency` worker coroutines share one permutation walk and one
// token bucket on one io_context; each open port gets the deep probes that apply to it.
#include <app/active_scan.hpp>

#include <app/udp_sweep.hpp>
#include <net/rate_limiter.hpp>
#include <net/tcp_connect.hpp>
#include <probes/port_table.hpp>
#include <targets/permutation.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace camaudit::app {
namespace asio = boost::asio;

namespace {

// Past this many recorded errors the rest are only counted: a dead network must not
// turn the report into a list of timeouts.
constexpr std::size_t max_recorded_errors = 2000;
// Hosts-probed is counted exactly with a bitmap up to this many addresses.
constexpr std::uint64_t max_bitmap_addresses = std::uint64_t{1} << 24;

class Engine {
public:
    Engine(asio::io_context& io, const targets::TargetSet& targets, const ActiveScanOptions& options)
        : io_(io), targets_(targets), options_(options),
          permutation_(targets.size() * options.ports.size(), options.seed),
          walk_(permutation_, options.shard), limiter_(options.rate, options.rate / 10),
          grace_(io), signals_(io, SIGINT, SIGTERM), progress_timer_(io), limit_timer_(io) {
        result_.elements = walk_.total();
        if (targets.size() <= max_bitmap_addresses) probed_.assign(targets.size(), false);
    }

    ActiveScanResult run() {
        watch_signals();
        watch_time_limit();
        const std::size_t workers = std::max<std::size_t>(1, std::min<std::uint64_t>(
                                                                  options_.concurrency, result_.elements));
        for (std::size_t i = 0; i < workers; ++i) spawn_worker();
        for (const UdpProbe* probe : options_.udp_probes) spawn_udp_sweep(*probe);
        if (options_.progress) asio::co_spawn(io_, progress_loop(), asio::detached);
        io_.run();
        finish();
        return std::move(result_);
    }

private:
    void spawn_worker() { spawn_counted(worker(), "engine"); }

    void spawn_udp_sweep(const UdpProbe& probe) {
        UdpSweepContext context{targets_, limiter_, options_.seed, options_.shard, options_.udp_window, stopping_,
                                [this](Observation o) { keep(std::move(o)); },
                                [this](ReportError e) { note_error(std::move(e)); },
                                [this](const asio::ip::address& a) { mark_up(a.to_string()); }};
        context.data = options_.data;
        spawn_counted(udp_sweep(probe, std::move(context)), std::string(probe.name));
    }

    // Every task is counted; when the last one ends, the timers and signal watch go too.
    void spawn_counted(asio::awaitable<void> task, std::string name) {
        ++active_workers_;
        asio::co_spawn(io_, std::move(task), [this, name](std::exception_ptr error) {
            if (error) note_crash(error, name);
            if (--active_workers_ == 0) wind_down();
        });
    }

    void mark_up(const std::string& ip) {
        if (up_.insert(ip).second) ++result_.hosts_up;
    }

    void wind_down() {
        boost::system::error_code ignored;
        signals_.cancel(ignored);
        progress_timer_.cancel();
        limit_timer_.cancel();
        grace_.cancel();
    }

    void stop(std::string reason) {
        if (stopping_) return;
        stopping_ = true;
        result_.complete = false;
        result_.stop_reason = std::move(reason);
        grace_.expires_after(std::chrono::seconds(1));
        grace_.async_wait([this](boost::system::error_code error) {
            if (!error) io_.stop();  // in-flight exchanges are abandoned; found results stay
        });
    }

    void watch_signals() {
        signals_.async_wait([this](boost::system::error_code error, int signal) {
            if (error) return;
            if (stopping_) std::_Exit(128 + signal);
            stop(signal == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
            if (options_.progress) std::fputs("\ncamaudit: stopping; press Ctrl-C again to quit at once\n", stderr);
            watch_signals();
        });
    }

    void watch_time_limit() {
        if (options_.max_duration.count() == 0) return;
        limit_timer_.expires_after(options_.max_duration);
        limit_timer_.async_wait([this](boost::system::error_code error) {
            if (!error) stop("time limit reached");
        });
    }

    asio::awaitable<void> worker() {
        while (!stopping_) {
            const auto element = walk_.next();
            if (!element) break;
            const std::uint64_t address_index = *element / options_.ports.size();
            const std::uint16_t port = options_.ports[*element % options_.ports.size()];
            mark_probed(address_index);
            co_await limiter_.acquire();
            if (stopping_) break;
            const Endpoint endpoint{targets_.at(address_index), port};
            const auto outcome = co_await connect_with_retry(endpoint);
            if (outcome.state == net::PortState::open) co_await on_open(endpoint);
            else if (outcome.state == net::PortState::error)
                note_error(endpoint, "tcp_connect", outcome.detail);
        }
    }

    asio::awaitable<net::ConnectOutcome> connect_with_retry(const Endpoint& endpoint) {
        const asio::ip::tcp::endpoint target(endpoint.address, endpoint.port);
        net::ConnectOutcome outcome;
        for (int attempt = 0; attempt <= options_.retries; ++attempt) {
            if (attempt > 0) co_await limiter_.acquire();
            ++result_.connects;
            outcome = co_await net::probe_tcp_port(target, options_.timeout);
            if (outcome.state != net::PortState::filtered || stopping_) break;
        }
        co_return outcome;
    }

    asio::awaitable<void> on_open(Endpoint endpoint) {
        ++result_.open_ports;
        const std::string ip = endpoint.address.to_string();
        mark_up(ip);
        std::string service(probes::service_name(endpoint.port));
        for (const DeepProbe* probe : options_.probes) {
            if (!probe->applies(endpoint.port) || stopping_) continue;
            try {
                // Arguments as named values: GCC 12 destroys temporaries in a co_await
                // expression twice (PR 100611).
                ProbeTarget target{endpoint, ip};
                const ProbeEnv env{options_.limits, *options_.data};
                auto outcome = co_await probe->run(target, env);
                if (!outcome.service.empty()) service = outcome.service;
                for (auto& o : outcome.observations) keep(std::move(o));
                for (auto& e : outcome.errors) note_error(std::move(e));
            } catch (const std::exception& error) {
                note_error({ip + ":" + std::to_string(endpoint.port), std::string(probe->name),
                            std::string("probe failed: ") + error.what()});
            }
        }
        record_open_port(ip, endpoint.port, service);
    }

    void record_open_port(const std::string& ip, std::uint16_t port, const std::string& service) {
        Observation open;
        open.ip = ip;
        open.key = "tcp.port.open";
        open.port = port;
        open.proto = "tcp";
        open.value = service;
        open.probe = "tcp_connect";
        open.time = Clock::now();
        result_.observations.push_back(std::move(open));
    }

    void mark_probed(std::uint64_t address_index) {
        if (probed_.empty()) return;
        if (!probed_[address_index]) {
            probed_[address_index] = true;
            ++result_.hosts_probed;
        }
    }

    void note_error(const Endpoint& endpoint, std::string probe, std::string message) {
        note_error({endpoint.address.to_string() + ":" + std::to_string(endpoint.port),
                    std::move(probe), std::move(message)});
    }

    void note_error(ReportError error) {
        if (result_.errors.size() < max_recorded_errors) result_.errors.push_back(std::move(error));
        else ++dropped_errors_;
    }

    // A hostile host that answers with endless facts costs one error, not the scan's memory
    // (limits.max_observations_per_host; open ports are recorded apart and never dropped).
    void keep(Observation o) {
        const std::size_t cap = options_.limits.max_observations_per_host;
        const std::size_t count = ++observations_per_host_[o.ip];
        if (count <= cap) {
            result_.observations.push_back(std::move(o));
        } else if (count == cap + 1) {
            note_error({o.ip + ":" + std::to_string(o.port), "engine",
                        fmt::format("more than {} observations from this host; the rest are ignored", cap)});
        }
    }

    void note_crash(std::exception_ptr error, std::string where) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            note_error({"", std::move(where), std::string("internal error: ") + e.what()});
        }
    }

    asio::awaitable<void> progress_loop() {
        const bool tty = isatty(STDERR_FILENO) != 0;
        while (active_workers_ > 0) {
            progress_timer_.expires_after(std::chrono::seconds(1));
            auto [error] = co_await progress_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
            if (error) break;
            const double done = result_.elements ? 100.0 * result_.connects / result_.elements : 100;
            fmt::print(stderr, "{}camaudit: {} of {} probes ({:.0f}%), {} hosts up, {} open ports{}",
                       tty ? "\r" : "", result_.connects, result_.elements, std::min(done, 100.0),
                       result_.hosts_up, result_.open_ports, tty ? "   " : "\n");
        }
        if (tty) std::fputs("\n", stderr);
    }

    void finish() {
        if (probed_.empty()) result_.hosts_probed = std::min(result_.connects, targets_.size());
        if (dropped_errors_ > 0)
            result_.errors.push_back({"", "engine", fmt::format("{} more errors not recorded", dropped_errors_)});
    }

    asio::io_context& io_;
    const targets::TargetSet& targets_;
    const ActiveScanOptions& options_;
    targets::Permutation permutation_;
    targets::ShardWalk walk_;
    net::RateLimiter limiter_;
    asio::steady_timer grace_;
    asio::signal_set signals_;
    asio::steady_timer progress_timer_;
    asio::steady_timer limit_timer_;
    ActiveScanResult result_;
    std::vector<bool> probed_;
    std::unordered_set<std::string> up_;
    std::unordered_map<std::string, std::size_t> observations_per_host_;
    std::size_t active_workers_ = 0;
    std::uint64_t dropped_errors_ = 0;
    bool stopping_ = false;
};

}  // namespace

ActiveScanResult run_active_scan(const targets::TargetSet& targets, const ActiveScanOptions& options) {
    asio::io_context io(1);
    Engine engine(io, targets, options);
    return engine.run();
}

}  // namespace camaudit::app
