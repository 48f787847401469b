// One SYN sweep run: this thread sends, paced by the token bucket; a second thread reads the
// capture, validates each reply by its keyed hash and hands the good ones to the sink.
#include <engine/probe_key.hpp>
#include <engine/rtt_estimate.hpp>
#include <engine/seen_pairs.hpp>
#include <engine/syn_sweep.hpp>
#include <engine/tcp_packet.hpp>
#include <net/rate_limiter.hpp>
#include <targets/permutation.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <exception>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>

namespace camaudit::engine {
namespace {

using Steady = std::chrono::steady_clock;  // pacing and waits; camaudit::Clock (wall) stamps packets
// ENOBUFS (the interface queue is full): pause, doubling, then give the probe up.
constexpr std::chrono::microseconds first_pause{200};
constexpr int pauses_per_probe = 12;
constexpr std::chrono::milliseconds capture_poll{20};
constexpr std::chrono::milliseconds receive_pause{1};

bool congested(int error) { return error == ENOBUFS || error == EAGAIN || error == EWOULDBLOCK; }

// Send times travel in the SYN's TSval as microseconds of the capture's clock (the wall clock,
// as pcap stamps records), truncated to 32 bits: an RTT up to 71 minutes survives the wrap.
std::uint32_t microseconds_of(TimePoint time) {
    return static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count());
}
constexpr std::chrono::seconds longest_rtt{60};  // beyond, an echoed time is not ours to trust

}  // namespace

class SynRun {
public:
    SynRun(SynSweep& sweep, const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop)
        : sweep_(sweep), plan_(plan), sink_(sink), stop_(stop), secret_(random_probe_secret()),
          source_(sweep.source_.to_uint()), send_key_(secret_),
          permutation_(plan.addresses.size * plan.ports.size(), plan.seed),
          // Burst: 100 ms of the rate (as the connect sweep), so a sender the scheduler held back on
          // a busy machine catches up instead of losing rate.
          limiter_(plan.rate, std::max(1.0, plan.rate / 10)),
          seen_(plan.ports.empty() ? 0 : shard_total(permutation_, plan.shard)) {
        stats_.elements = plan.ports.empty() ? 0 : shard_total(permutation_, plan.shard);
    }

    SweepStats run() {
        if (stats_.elements == 0) return stats_;
        std::thread receiver([this] {
            try {
                receive();
            } catch (...) {  // a sink that throws, or OpenSSL failing: rethrown on this thread
                receiver_failure_ = std::current_exception();
                receiver_failed_ = true;  // the sender stops: nobody would read the answers
            }
        });
        for (int pass = 0; pass <= std::max(0, plan_.retries) && !stopped(); ++pass) send_pass(pass);
        const auto late_end = Steady::now() + plan_.late_wait;
        while (!stopped() && Steady::now() < late_end)
            std::this_thread::sleep_for(std::min<Steady::duration>(capture_poll, late_end - Steady::now()));
        sending_done_ = true;
        receiver.join();
        if (receiver_failure_) std::rethrow_exception(receiver_failure_);
        finish();
        return stats_;
    }

private:
    static std::uint64_t shard_total(const targets::Permutation& permutation, Shard shard) {
        return targets::ShardWalk(permutation, shard).total();
    }

    bool stopped() {
        if (stop_ || receiver_failed_) stats_.complete = false;
        return stop_ || receiver_failed_;
    }

    void send_pass(int pass) {
        targets::ShardWalk walk(permutation_, plan_.shard);
        while (const auto element = walk.next()) {
            if (stopped()) return;
            const auto address = plan_.addresses.at(*element / plan_.ports.size());
            if (plan_.skip && plan_.skip(address)) continue;
            const auto port = plan_.ports[*element % plan_.ports.size()];
            if (!address.is_v4()) {
                if (pass == 0) ++ipv6_skipped_;
                continue;
            }
            const auto destination = address.to_v4().to_uint();
            const auto tag = send_key_.tag(source_, destination, port);
            if (pass > 0 && seen_.contains(tag.hash)) continue;  // answered the first time
            if (pass > 0 && plan_.retry_silent && !plan_.retry_silent(address)) continue;  // a filter, not loss
            pace();
            send_probe(destination, port, tag);
        }
    }

    void pace() {
        const auto due = limiter_.reserve(Steady::now());
        if (due > Steady::now()) std::this_thread::sleep_until(due);
    }

    void send_probe(std::uint32_t destination, std::uint16_t port, const ProbeTag& tag) {
        const auto packet = tcp_packet({source_, destination, tag.source_port, port, tag.seq, 0, tcp_flag::syn,
                                        static_cast<std::uint16_t>(tag.hash >> 48), 64, microseconds_of(camaudit::Clock::now()), 0});
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(destination);
        auto pause = first_pause;
        for (int attempt = 0;; ++attempt) {
            if (sendto(sweep_.raw_socket_, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) >= 0) {
                ++stats_.sent;
                if (plan_.sent_counter) plan_.sent_counter->fetch_add(1, std::memory_order_relaxed);
                return;
            }
            if (!congested(errno)) {
                ++stats_.refused;  // EACCES (a broadcast address), EPERM from a local firewall, no route
                return;
            }
            if (attempt == pauses_per_probe) break;
            ++stats_.backoffs;
            std::this_thread::sleep_for(pause);
            pause *= 2;
        }
        ++stats_.send_errors;  // a queue (or the neighbour table) that stayed full
    }

    // Drains the capture, then sleeps: one wake-up per pause instead of one per packet (the
    // capture is in immediate mode), which left the sender half the CPU at 100,000 pps.
    void receive() {
        ProbeKey key(secret_);
        net::PcapRecord record;
        for (;;) {
            const auto status = sweep_.capture_.next(record, std::chrono::milliseconds(0));
            if (status == net::NextStatus::record) {
                handle(key, record);
                continue;
            }
            if (sending_done_) return;  // drained after the late wait
            std::this_thread::sleep_for(receive_pause);
        }
    }

    void handle(ProbeKey& key, const net::PcapRecord& record) {
        const auto ip = ipv4_in_frame(sweep_.capture_.link_type(), record.bytes);
        const auto parsed = ip ? parse_reply(*ip) : ParsedReply{ReplyStatus::malformed, {}};
        if (parsed.status != ReplyStatus::reply) {
            if (parsed.status == ReplyStatus::malformed) ++invalid_;
            return;
        }
        const Reply& r = parsed.reply;
        const bool tcp = r.kind != ReplyKind::unreachable;
        const auto probed = tcp ? r.sender : r.probed;
        const auto probed_port = tcp ? r.sender_port : r.probed_port;
        const auto tag = key.tag(source_, probed, probed_port);
        const bool ours = r.receiver == source_ && r.receiver_port == tag.source_port &&
                          (tcp ? r.ack == tag.seq + 1 : r.quoted_seq == tag.seq);
        if (!ours) {
            ++invalid_;
            return;
        }
        // A router's unreachable says the path failed, not that the host is up: not reported.
        if (!tcp && r.sender != r.probed) return;
        if (seen_.mark(tag.hash)) return;  // a host that answered twice (or to a retry)
        const auto reply = r.kind == ReplyKind::syn_ack ? PortReply::open
                           : r.kind == ReplyKind::reset ? PortReply::closed : PortReply::unreachable;
        ++(reply == PortReply::open ? open_ : reply == PortReply::closed ? closed_ : unreachable_);
        const SweepReply answer{boost::asio::ip::address_v4(probed), probed_port, reply, rtt_of(r, record.time)};
        if (plan_.rtt_samples) plan_.rtt_samples->add(answer.rtt);
        sink_(answer);
    }

    // Only a SYN-ACK echoes our timestamp; resets and ICMP leave the RTT unknown (0).
    static std::chrono::microseconds rtt_of(const Reply& reply, TimePoint received) {
        if (reply.kind != ReplyKind::syn_ack || !reply.has_timestamp) return std::chrono::microseconds{0};
        const std::chrono::microseconds rtt{static_cast<std::uint32_t>(microseconds_of(received) - reply.echoed_timestamp)};
        return rtt > longest_rtt ? std::chrono::microseconds{0} : rtt;
    }

    void finish() {
        stats_.open = open_;
        stats_.closed = closed_;
        stats_.unreachable = unreachable_;
        stats_.invalid = invalid_;
        if (ipv6_skipped_ > 0)
            stats_.warnings.push_back(fmt::format(
                "SYN sweep: {} IPv6 pairs not probed (the SYN sweep is IPv4 only; IPv6 needs the connect sweep)", ipv6_skipped_));
        if (const auto kernel = sweep_.capture_.stats(); kernel && (kernel->dropped > 0 || kernel->interface_dropped > 0))
            stats_.warnings.push_back(fmt::format(
                "SYN sweep: the capture lost {} packets (kernel buffer full); lower the rate", kernel->dropped + kernel->interface_dropped));
    }

    SynSweep& sweep_;
    const SweepPlan& plan_;
    const ReplySink& sink_;
    const std::atomic<bool>& stop_;
    const ProbeSecret secret_;
    const std::uint32_t source_;
    ProbeKey send_key_;
    targets::Permutation permutation_;
    net::RateLimiter limiter_;
    SeenPairs seen_;
    SweepStats stats_;
    std::atomic<bool> sending_done_{false};
    std::atomic<std::uint64_t> open_{0}, closed_{0}, unreachable_{0}, invalid_{0};
    std::uint64_t ipv6_skipped_ = 0;
    std::exception_ptr receiver_failure_;
    std::atomic<bool> receiver_failed_{false};
};

SweepStats SynSweep::run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) {
    return SynRun(*this, plan, sink, stop).run();
}

}  // namespace camaudit::engine
