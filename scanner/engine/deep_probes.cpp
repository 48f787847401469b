// One task per host being probed: it drains that host's queue of open ports, racing each
// probe against the host's deadline; when it ends, the next ready host gets its slot.
#include <engine/deep_probes.hpp>

#include <engine/collector.hpp>
#include <probes/port_table.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

namespace camaudit::engine {
namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

DeepProbeScheduler::DeepProbeScheduler(asio::any_io_executor executor, const DeepProbeOptions& options,
                                       DeepProbeSinks sinks, const bool& stopping)
    : executor_(std::move(executor)), options_(options), sinks_(std::move(sinks)), stopping_(stopping) {}

void DeepProbeScheduler::add(Endpoint open) {
    Host& host = hosts_[open.address];
    if (!host.seen.insert(open.port).second) return;
    host.ports.push_back(open.port);
    if (!host.scheduled) {
        host.scheduled = true;
        ready_.push_back(open.address);
    }
    pump();
}

void DeepProbeScheduler::close() {
    closed_ = true;
    maybe_finish();
}

void DeepProbeScheduler::pump() {
    while (running_ < std::max<std::size_t>(1, options_.hosts_at_once) && !ready_.empty()) {
        const auto address = ready_.front();
        ready_.pop_front();
        ++running_;
        asio::co_spawn(executor_, probe_host(address), [this, address](std::exception_ptr error) {
            if (error) sinks_.error({address.to_string(), "engine", "internal error in the deep probes"});
            --running_;
            auto& host = hosts_[address];
            host.scheduled = !host.ports.empty();  // a port that came while the task ended
            if (host.scheduled) ready_.push_back(address);
            else {
                ++done_;
                if (sinks_.host_done) sinks_.host_done(address);
            }
            pump();
            maybe_finish();
        });
    }
}

void DeepProbeScheduler::maybe_finish() {
    if (!closed_ || finished_ || running_ > 0 || !ready_.empty()) return;
    finished_ = true;
    if (sinks_.finished) sinks_.finished();
}

asio::awaitable<void> DeepProbeScheduler::probe_host(asio::ip::address address) {
    Host& host = hosts_[address];  // std::map: the reference survives other insertions
    if (!host.started) {
        host.started = true;
        host.deadline = std::chrono::steady_clock::now() + options_.host_budget;
    }
    while (!host.ports.empty()) {
        const Endpoint endpoint{address, host.ports.front()};
        host.ports.pop_front();
        co_await probe_port(endpoint, host);
    }
}

asio::awaitable<void> DeepProbeScheduler::probe_port(Endpoint endpoint, Host& host) {
    const std::string ip = endpoint.address.to_string();
    std::string service(probes::service_name(endpoint.port));
    for (const DeepProbe* probe : options_.probes) {
        if (!probe->applies(endpoint.port) || stopping_) continue;
        if (host.over_budget || std::chrono::steady_clock::now() >= host.deadline) {
            note_over_budget(endpoint, host);
            break;
        }
        const ProbeTarget target{endpoint, ip};
        try {
            if (!co_await run_within_budget(*probe, target, host, service)) note_over_budget(endpoint, host);
        } catch (const std::exception& error) {
            sinks_.error({ip + ":" + std::to_string(endpoint.port), std::string(probe->name),
                          std::string("probe failed: ") + error.what()});
        }
    }
    sinks_.open_port(open_port_observation(ip, endpoint.port, service));
}

// False when the host's deadline passed first (the probe was cancelled).
asio::awaitable<bool> DeepProbeScheduler::run_within_budget(const DeepProbe& probe, const ProbeTarget& target,
                                                            Host& host, std::string& service) {
    const ProbeEnv env{options_.limits, *options_.data};
    asio::steady_timer deadline(executor_, host.deadline);
    // Named awaitables: GCC 12 destroys temporaries in a co_await expression twice (PR 100611).
    auto run = probe.run(target, env);
    auto expiry = deadline.async_wait(asio::as_tuple(asio::use_awaitable));
    auto raced = co_await (std::move(run) || std::move(expiry));
    if (raced.index() == 1) co_return false;
    auto& outcome = std::get<0>(raced);
    if (!outcome.service.empty()) service = outcome.service;
    for (auto& o : outcome.observations) sinks_.observe(std::move(o));
    for (auto& e : outcome.errors) sinks_.error(std::move(e));
    co_return true;
}

void DeepProbeScheduler::note_over_budget(const Endpoint& endpoint, Host& host) {
    if (host.over_budget) return;
    host.over_budget = true;
    sinks_.error({endpoint.address.to_string() + ":" + std::to_string(endpoint.port), "engine",
                  fmt::format("host time budget of {} s spent; the remaining deep probes of this host are skipped",
                              std::chrono::duration<double>(options_.host_budget).count())});
}

}  // namespace camaudit::engine
