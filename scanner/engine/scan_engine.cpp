// The sweeps run on their own thread (they block); everything else (deep probes, UDP
// sweeps, signals, the time limit, progress) runs on this thread's io_context, and the sweep
// thread posts its findings into it.
#include <engine/scan_engine.hpp>

#include <engine/collector.hpp>
#include <engine/connect_sweep.hpp>
#include <engine/connect_window.hpp>
#include <engine/deep_probes.hpp>
#include <engine/family_split_sweep.hpp>
#include <engine/host_discovery.hpp>
#include <engine/progress_line.hpp>
#include <engine/retry_rule.hpp>
#include <engine/rtt_estimate.hpp>
#include <engine/udp_sweep.hpp>
#include <net/rate_limiter.hpp>
#include <targets/permutation.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <algorithm>
#include <set>
#include <thread>
#include <unistd.h>
#include <unordered_set>

namespace camaudit::engine {
namespace asio = boost::asio;

namespace {

using SteadyClock = std::chrono::steady_clock;

// The addresses of one shard, in the seed's order: shards split hosts, not (host, port)
// pairs, so each host is discovered and audited by exactly one shard.
class ShardAddresses {
public:
    ShardAddresses(const targets::TargetSet& targets, std::uint64_t seed, Shard shard)
        : targets_(targets), order_(targets.size(), seed ^ 0x686f737473ull), shard_(shard),
          size_(targets::ShardWalk(order_, shard).total()) {}
    AddressList list() const {
        return {size_, [this](std::uint64_t i) { return targets_.at(order_.at(shard_.index - 1 + i * shard_.count)); }};
    }
    std::uint64_t size() const { return size_; }

private:
    const targets::TargetSet& targets_;
    targets::Permutation order_;
    Shard shard_;
    std::uint64_t size_;
};

class ScanRun {
public:
    ScanRun(const targets::TargetSet& targets, const ScanOptions& options)
        : targets_(targets), options_(options), shard_(targets, options.seed, options.shard),
          collector_(options.limits.max_observations_per_host), deep_options_(deep_options(options)),
          scheduler_(io_.get_executor(), deep_options_, deep_sinks(), stopping_),
          udp_limiter_(options.rate, std::max(1.0, options.rate / 10)), rtt_(RttBounds{.ceiling = options.timeout}), grace_(io_),
          signals_(io_, SIGINT, SIGTERM), progress_timer_(io_), limit_timer_(io_) {}

    ScanResult run() {
        started_ = SteadyClock::now();
        watch_signals();
        watch_time_limit();
        tasks_ = 2;  // the sweep thread and the deep probes
        if (options_.progress) asio::co_spawn(io_, progress_loop(), asio::detached);
        std::thread sweeper([this] { sweep_thread(); });
        io_.run();
        stop_sweep_ = true;  // io stopped after the grace: the sweep must end too
        sweeper.join();
        return finish();
    }

private:
    static DeepProbeOptions deep_options(const ScanOptions& o) {
        return {o.probes, o.limits, o.data, o.hosts_at_once, o.host_budget};
    }

    DeepProbeSinks deep_sinks() {
        return {[this](Observation o) { collector_.keep(std::move(o)); },
                [this](Observation o) { collector_.keep_always(std::move(o)); },
                [this](ReportError e) { collector_.note_error(std::move(e)); },
                [this] { task_done(); },
                [this](const asio::ip::address& host) { judge(host); }};
    }

    SweepPlan plan(AddressList addresses, std::vector<std::uint16_t> ports) {
        SweepPlan p;
        p.addresses = std::move(addresses);
        p.ports = std::move(ports);
        p.seed = options_.seed;
        p.rate = options_.rate;
        p.concurrency = options_.concurrency;
        p.timeout = options_.timeout;
        p.retries = options_.retries;
        p.sent_counter = &sent_;
        if (options_.adaptive_timing) adapt_timing(p);
        return p;
    }

    // Adaptive timing: every sweep's replies feed the estimate; a plan made once discovery has
    // answered (the port sweep's) waits the learned timeout instead of --timeout, its ceiling,
    // and retries a silent pair only on a host that answered nothing in this sweep (RetryRule).
    void adapt_timing(SweepPlan& p) {
        p.rtt_samples = &rtt_;
        if (!rtt_.learned()) return;
        p.timeout = rtt_.timeout();
        p.late_wait = std::min(p.late_wait, p.timeout);
        p.retry_silent = [this](const asio::ip::address& host) { return retry_rule_.retry_silent(host); };
        timeout_learned_ = p.timeout;
    }

    // Discovery's window covers rate x timeout (connect_window.hpp).
    static SweepPlan discovery_plan(SweepPlan p) {
        p.concurrency = discovery_window(p.rate, p.timeout, p.concurrency);
        p.retries = discovery_retries;
        return p;
    }

    // The SYN sweep where app/ opened one and the targets hold IPv4 addresses; IPv6 needs the
    // connect sweep (intervals never mix families, so their first addresses tell).
    Sweep& choose_sweep(ConnectSweep& connect, std::unique_ptr<Sweep>& split) const {
        if (!options_.fast_sweep) return connect;
        bool v4 = false, v6 = false;
        for (const auto& start : targets_.interval_starts()) (start.is_v4() ? v4 : v6) = true;
        if (!v4) return connect;
        if (!v6) return *options_.fast_sweep;
        split = std::make_unique<FamilySplitSweep>(*options_.fast_sweep, connect);
        return *split;
    }

    // On the sweep thread: discovery, then the port table over the hosts found up.
    void sweep_thread() {
        ConnectSweep connect;
        std::unique_ptr<Sweep> split;
        Sweep& sweep = choose_sweep(connect, split);
        sweep_name_ = sweep.name();
        AddressList up;
        if (options_.no_discovery) {
            up = shard_.list();
        } else {
            auto arp = settle_by_arp();
            const auto unsettled = shard_.size() - arp.settled;
            enter_phase(Phase::discovery, unsettled * discovery_ports.size());
            DiscoveryResult found;
            if (unsettled == 0) {
                found.hosts = compact_up_hosts(std::move(arp.up));  // ARP settled every address
            } else {
                auto p = discovery_plan(plan(shard_.list(), {discovery_ports.begin(), discovery_ports.end()}));
                p.skip = options_.settled_by_arp;
                found = discover_hosts(sweep, p, std::move(arp.up), stop_sweep_);
            }
            up = address_list(found.hosts);
            asio::post(io_, [this, found] { on_discovered(found); });
        }
        SweepStats stats;
        if (!stop_sweep_) {
            enter_phase(Phase::sweep, up.size * options_.ports.size());
            const ReplySink sink = [this](const SweepReply& reply) { asio::post(io_, [this, reply] { on_reply(reply); }); };
            stats = sweep.run(plan(up, options_.ports), sink, stop_sweep_);
        }
        asio::post(io_, [this, stats, up] { on_sweep_done(stats, up); });
    }

    struct ArpSettlement {
        std::vector<UpHost> up;     // this shard's addresses that answered ARP
        std::uint64_t settled = 0;  // this shard's addresses the ARP sweep covered
    };

    // ARP answers are proof of a host. One pass over the shard's addresses (no per-address
    // state) finds which the sweep covered and which of those answered, shards included.
    ArpSettlement settle_by_arp() const {
        ArpSettlement arp;
        if (!options_.settled_by_arp) {
            if (options_.shard.count == 1)  // without the sweep's coverage: known hosts, nothing settled
                for (const auto& address : options_.known_up)
                    if (targets_.contains(address)) arp.up.push_back({address, "arp"});
            return arp;
        }
        auto answered = options_.known_up;
        std::sort(answered.begin(), answered.end());
        const auto list = shard_.list();
        for (std::uint64_t i = 0; i < list.size && !stop_sweep_; ++i) {
            const auto address = list.at(i);
            if (!options_.settled_by_arp(address)) continue;
            ++arp.settled;
            if (std::binary_search(answered.begin(), answered.end(), address)) arp.up.push_back({address, "arp"});
        }
        return arp;
    }

    void enter_phase(Phase phase, std::uint64_t total) {
        const std::lock_guard lock(phase_guard_);
        phase_ = phase;
        phase_total_ = total;
        phase_started_ = SteadyClock::now();
        sent_before_phase_ = sent_.load();
    }

    void on_discovered(const DiscoveryResult& found) {
        note_sweep(found.stats);
        discovery_probes_ = found.stats.sent;
        up_hosts_ = found.hosts;
        hosts_up_ = found.hosts->size();
    }

    // How a host was found, for the hosts that left evidence: a silent or merely resetting
    // address is no device and gets no fact (so --no-discovery costs no per-address state).
    void record_discovery_facts() {
        std::set<std::string> evidenced;
        for (const auto& o : collector_.observations()) evidenced.insert(o.ip);
        for (const auto& ip : evidenced) {
            Observation o;
            o.ip = ip;
            o.key = std::string(host_discovery_key);
            o.value = options_.no_discovery ? std::string(assumed_up) : how_found(ip);
            o.probe = "discovery";
            o.time = Clock::now();
            collector_.keep_always(std::move(o));
        }
        devices_ = evidenced.size();
    }

    std::string how_found(const std::string& ip) const {
        boost::system::error_code error;
        const auto address = asio::ip::make_address(ip, error);
        if (error || !up_hosts_) return "unknown";
        const auto found = std::lower_bound(up_hosts_->begin(), up_hosts_->end(), address,
                                            [](const UpHost& h, const asio::ip::address& a) { return h.address < a; });
        // A UDP answer from a host no TCP port answered (discovery passed it only via ARP).
        return found != up_hosts_->end() && found->address == address ? found->how : "udp answer";
    }

    // The host's verdict so far, for the progress line; a host probed again is judged again.
    void judge(const asio::ip::address& host) {
        if (!options_.judge_host) return;
        const std::string ip = host.to_string();
        std::vector<Observation> mine;
        for (const auto& o : collector_.observations())
            if (o.ip == ip) mine.push_back(o);
        if (options_.judge_host(mine)) prohibited_.insert(host);
        else prohibited_.erase(host);
    }

    void on_reply(const SweepReply& reply) {
        if (options_.no_discovery) answered_.insert(reply.address);
        retry_rule_.answered(reply.address);
        if (reply.reply != PortReply::open) return;
        ++open_ports_;
        open_hosts_.insert(reply.address);
        if (!stopping_) scheduler_.add({reply.address, reply.port});
        else collector_.keep_always(open_port_observation(reply.address.to_string(), reply.port, {}));
    }

    void on_sweep_done(const SweepStats& stats, const AddressList& up) {
        note_sweep(stats);
        {
            const std::lock_guard lock(phase_guard_);
            phase_ = Phase::deep_probes;
            phase_started_ = SteadyClock::now();
        }
        if (!stopping_)
            for (const UdpProbe* probe : options_.udp_probes) spawn_udp_sweep(*probe, up);
        scheduler_.close();
        sweep_pending_.reset();
        task_done();
    }

    void note_sweep(const SweepStats& stats) {
        elements_ += stats.elements;
        connects_ += stats.sent;
        backoffs_ += stats.backoffs;
        send_errors_ += stats.send_errors;
        refused_ += stats.refused;
        for (const auto& warning : stats.warnings)
            if (warned_.insert(warning).second) fmt::print(stderr, "camaudit: warning: {}\n", warning);
    }

    void spawn_udp_sweep(const UdpProbe& probe, const AddressList& up) {
        UdpSweepContext context{targets_, up, udp_limiter_, options_.seed, options_.udp_window, stopping_,
                                [this](Observation o) { collector_.keep(std::move(o)); },
                                [this](ReportError e) { collector_.note_error(std::move(e)); },
                                [this](const asio::ip::address& a) {
                                    if (options_.no_discovery) answered_.insert(a);
                                    open_hosts_.insert(a);
                                }};
        context.data = options_.data;
        ++tasks_;
        asio::co_spawn(io_, udp_sweep(probe, std::move(context)), [this, name = std::string(probe.name)](std::exception_ptr e) {
            if (e) collector_.note_crash(e, name);
            task_done();
        });
    }

    void task_done() {
        if (--tasks_ > 0) return;
        boost::system::error_code ignored;
        signals_.cancel(ignored);
        progress_timer_.cancel();
        limit_timer_.cancel();
        grace_.cancel();
    }

    void stop(std::string reason) {
        if (stopping_) return;
        stopping_ = true;
        stop_sweep_ = true;
        complete_ = false;
        stop_reason_ = std::move(reason);
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

    Progress progress_now() {
        Progress p;
        {
            const std::lock_guard lock(phase_guard_);
            p.phase = phase_;
            p.total = phase_total_;
            p.done = sent_.load() - sent_before_phase_;
            p.phase_elapsed = SteadyClock::now() - phase_started_;
        }
        if (p.phase == Phase::deep_probes) {
            p.done = scheduler_.hosts_done();
            p.total = scheduler_.hosts_seen();
        }
        p.elapsed = SteadyClock::now() - started_;
        p.hosts_up = options_.no_discovery ? answered_.size() : hosts_up_;
        p.devices = open_hosts_.size();
        p.open_ports = open_ports_;
        p.prohibited = prohibited_.size();
        return p;
    }

    asio::awaitable<void> progress_loop() {
        const bool tty = isatty(STDERR_FILENO) != 0;
        while (tasks_ > 0) {
            progress_timer_.expires_after(std::chrono::seconds(1));
            auto [error] = co_await progress_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
            if (error) break;
            // On a terminal the line is redrawn in place and cleared to its end.
            fmt::print(stderr, "{}camaudit: {}{}", tty ? "\r" : "", progress_line(progress_now()), tty ? "\x1b[K" : "\n");
        }
        // A terminal's line is cleared so the summary starts on a clean line; a log (not a
        // terminal) gets the final counts, so even a scan shorter than a second leaves one.
        if (tty) std::fputs("\r\x1b[K", stderr);
        else fmt::print(stderr, "camaudit: {}\n", progress_line(progress_now()));
    }

    // Probes this machine refused to send even after the back-off: those pairs were never
    // probed, so the scope shrank and the run is incomplete (never a clean exit by mistake).
    void note_unsent() {
        const auto what = fmt::format("{} probe(s) refused by this machine after back-off, so not sent: a full "
                                      "neighbour table (on-link targets; net.ipv4.neigh.default.gc_thresh3), a full "
                                      "queue or a local firewall", send_errors_);
        collector_.note_error({"", "tcp_connect", what});
        complete_ = false;
        if (stop_reason_.empty()) stop_reason_ = fmt::format("{} probe(s) not sent", send_errors_);
    }

    ScanResult finish() {
        ScanResult result;
        if (send_errors_ > 0) note_unsent();
        if (refused_ > 0)  // what the system forbids outright (a broadcast address) is no lost scope
            collector_.note_error({"", "tcp_connect", fmt::format("{} probe(s) refused outright by this machine (EACCES "
                                                                  "for a broadcast address, EPERM from a local firewall, "
                                                                  "no route)", refused_)});
        record_discovery_facts();
        result.observations = collector_.take_observations();
        result.errors = collector_.take_errors();
        result.elements = elements_;
        result.connects = connects_;
        result.hosts_probed = shard_.size();
        result.hosts_up = devices_;  // as before discovery: hosts with an open port or a UDP answer
        result.hosts_found_up = options_.no_discovery ? answered_.size() : hosts_up_;
        result.discovery_probes = discovery_probes_;
        result.open_ports = open_ports_;
        result.timeout_learned = timeout_learned_;
        result.rtt_samples = rtt_.samples();
        result.sweep = sweep_name_;
        result.complete = complete_;
        result.stop_reason = stop_reason_;
        return result;
    }

    const targets::TargetSet& targets_;
    const ScanOptions& options_;
    ShardAddresses shard_;
    asio::io_context io_{1};
    // Keeps io_.run() going until the sweep thread's last post arrives.
    asio::executor_work_guard<asio::io_context::executor_type> sweep_pending_{io_.get_executor()};
    Collector collector_;
    DeepProbeOptions deep_options_;
    bool stopping_ = false;
    DeepProbeScheduler scheduler_;
    net::RateLimiter udp_limiter_;
    RttEstimate rtt_;
    RetryRule retry_rule_;
    std::chrono::milliseconds timeout_learned_{0};
    asio::steady_timer grace_;
    asio::signal_set signals_;
    asio::steady_timer progress_timer_;
    asio::steady_timer limit_timer_;
    std::atomic<bool> stop_sweep_{false};
    std::atomic<std::uint64_t> sent_{0};
    std::mutex phase_guard_;
    Phase phase_ = Phase::discovery;
    std::uint64_t phase_total_ = 0;
    std::uint64_t sent_before_phase_ = 0;
    SteadyClock::time_point phase_started_ = SteadyClock::now();
    SteadyClock::time_point started_ = SteadyClock::now();
    std::size_t tasks_ = 0;
    std::uint64_t hosts_up_ = 0, open_ports_ = 0, elements_ = 0, connects_ = 0, backoffs_ = 0, send_errors_ = 0, refused_ = 0, discovery_probes_ = 0;
    std::unordered_set<asio::ip::address> answered_;  // --no-discovery only: who replied
    std::unordered_set<asio::ip::address> open_hosts_;  // hosts with an open port or a UDP answer
    std::unordered_set<asio::ip::address> prohibited_;  // hosts judge_host called prohibited
    UpHosts up_hosts_;
    std::uint64_t devices_ = 0;
    std::set<std::string> warned_;
    std::string sweep_name_;  // set by the sweep thread before its first post, read after join
    bool complete_ = true;
    std::string stop_reason_;
};

}  // namespace

ScanResult run_scan(const targets::TargetSet& targets, const ScanOptions& options) {
    ScanRun run(targets, options);
    return run.run();
}

}  // namespace camaudit::engine
