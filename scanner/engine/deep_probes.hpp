// The deep probes' own scheduler: open ports arrive from the sweep as it finds them, each
// host's ports are probed one after another by one task, a bounded number of hosts at once,
// each host within its time budget. A slow device holds its own task, never the sweep.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/probe.hpp>
#include <camaudit/report.hpp>
#include <camaudit/target.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace camaudit::engine {

struct DeepProbeOptions {
    std::vector<const DeepProbe*> probes;
    ProbeLimits limits;
    const ProbeData* data = nullptr;
    std::size_t hosts_at_once = 64;
    // From a host's first deep probe on; past it the probe in flight is cancelled and the
    // host's remaining ports are recorded open without deep probes (one error says so).
    std::chrono::milliseconds host_budget{30000};
};

struct DeepProbeSinks {
    std::function<void(Observation)> observe;    // under the per-host cap
    std::function<void(Observation)> open_port;  // never capped
    std::function<void(ReportError)> error;
    std::function<void()> finished;              // once: input closed and every host done
    std::function<void(const boost::asio::ip::address&)> host_done;  // a host's ports are all probed (may be empty)
};

class DeepProbeScheduler {
public:
    // `stopping` is read before each probe: once true, the rest are skipped.
    DeepProbeScheduler(boost::asio::any_io_executor executor, const DeepProbeOptions& options,
                       DeepProbeSinks sinks, const bool& stopping);

    void add(Endpoint open);  // an open port the sweep found; the same io_context only
    void close();             // no more ports will come
    std::size_t hosts_seen() const { return hosts_.size(); }
    std::size_t hosts_done() const { return done_; }

private:
    struct Host {
        std::deque<std::uint16_t> ports;
        std::set<std::uint16_t> seen;  // a port the sweep reports twice is probed once
        bool scheduled = false;  // queued in ready_ or running
        bool started = false;
        bool over_budget = false;
        std::chrono::steady_clock::time_point deadline{};
    };

    void pump();
    void maybe_finish();
    boost::asio::awaitable<void> probe_host(boost::asio::ip::address address);
    boost::asio::awaitable<void> probe_port(Endpoint endpoint, Host& host);
    boost::asio::awaitable<bool> run_within_budget(const DeepProbe& probe, const ProbeTarget& target,
                                                   Host& host, std::string& service);
    void note_over_budget(const Endpoint& endpoint, Host& host);

    boost::asio::any_io_executor executor_;
    const DeepProbeOptions& options_;
    DeepProbeSinks sinks_;
    const bool& stopping_;
    std::map<boost::asio::ip::address, Host> hosts_;  // hosts with an open port only
    std::deque<boost::asio::ip::address> ready_;
    std::size_t running_ = 0;
    std::size_t done_ = 0;
    bool closed_ = false;
    bool finished_ = false;
};

}  // namespace camaudit::engine
