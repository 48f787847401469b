// The passive run loop (capture_run.hpp). The per-packet path touches no map and allocates
// nothing unless a decoder emits an observation; counters are plain arrays until the end.
#include <passive/capture_run.hpp>

#include <camaudit/error.hpp>
#include <parse/link_frame.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace camaudit::passive {
namespace {

volatile std::sig_atomic_t stop_signal = 0;
std::atomic<std::atomic<bool>*> stop_target{nullptr};  // lock-free, so a handler may use it
constexpr std::size_t max_remembered_datagrams = 1 << 20;  // ~40 MiB at most; forgotten all at once
constexpr std::chrono::milliseconds max_drain{500};  // reading what a live capture holds once stopped

extern "C" void on_stop_signal(int signal) {
    if (stop_signal != 0) std::_Exit(128 + signal);  // a second signal: quit at once
    stop_signal = signal;
    if (auto* stop = stop_target.load()) stop->store(true);
}

class Capture {
public:
    Capture(net::PcapSource& source, const CaptureOptions& options)
        : source_(source), options_(options), link_(source.link_type()),
          decoded_(options.decoders.size()), failed_(options.decoders.size()),
          flows_(options.flows, [this](const Packet& stream) { dispatch(stream, false); },
                 [this](const Packet& first) { return any_wants(first); }) {}

    CaptureResult run();

private:
    void handle(const net::PcapRecord& record);
    void dispatch(const Packet& packet, bool repeats);
    bool any_wants(const Packet& packet) const;
    void keep(Observation&& observation);
    void note_heard(const Packet& packet);
    void add_last_heard();
    bool should_stop(std::chrono::steady_clock::time_point start, const std::optional<StopSignals>& signals);
    void read_all(const std::optional<StopSignals>& signals);
    void note_truncated();
    void show_progress(bool final_line);
    void finish_stats();

    net::PcapSource& source_;
    const CaptureOptions& options_;
    int link_;
    CaptureResult result_;
    std::vector<std::uint64_t> decoded_, failed_;
    std::uint64_t packets_ = 0, bytes_ = 0, malformed_ = 0, skipped_ = 0, snapped_ = 0, arp_ = 0, ipv4_ = 0,
                  ipv6_ = 0, udp_ = 0, tcp_ = 0, observations_dropped_ = 0;
    std::vector<Observation> scratch_;
    std::unordered_map<std::uint64_t, bool> decoded_before_;  // datagram hash -> decode result
    std::unordered_set<std::string> seen_;   // identities of the observations kept
    std::unordered_set<std::string> hosts_;  // for the progress line
    // The latest packet a decoder understood from each sender address: a fact is kept once,
    // at the time it was first heard, so last_seen needs this. Keyed by raw bytes: per packet.
    std::unordered_map<std::string, TimePoint> last_heard_;
    FlowTable flows_;
    TimePoint last_expiry_{};
    std::chrono::steady_clock::time_point last_progress_{};
};

void Capture::handle(const net::PcapRecord& record) {
    ++packets_;
    bytes_ += record.wire_length;
    const bool snapped = record.wire_length > record.bytes.size();
    snapped_ += snapped ? 1 : 0;
    parse::Frame frame;
    const auto status = parse::decode_frame(link_, record.bytes, snapped, frame);
    if (status == parse::FrameStatus::malformed) ++malformed_;
    if (status != parse::FrameStatus::decoded) {
        skipped_ += status == parse::FrameStatus::skipped ? 1 : 0;
        return;
    }
    Packet& packet = frame.packet;
    packet.time = record.time;
    arp_ += packet.ether_type == 0x0806 ? 1 : 0;
    ipv4_ += packet.ether_type == 0x0800 ? 1 : 0;
    ipv6_ += packet.ether_type == 0x86dd ? 1 : 0;
    if (packet.transport == Transport::tcp) {
        ++tcp_;
        flows_.add(packet, frame.tcp_seq, frame.tcp_flags);
        if (record.time - last_expiry_ >= std::chrono::seconds(1)) {
            flows_.expire(record.time);
            last_expiry_ = record.time;
        }
        return;
    }
    udp_ += packet.transport == Transport::udp ? 1 : 0;
    dispatch(packet, true);
}

bool Capture::any_wants(const Packet& packet) const {
    for (const auto* decoder : options_.decoders)
        if (decoder->wants(packet)) return true;
    return false;
}

// Everything a decoder may read of a datagram but its time: the same sender repeating the same
// bytes (announcements every few seconds, ARP) gives the same observations again.
std::uint64_t datagram_hash(const Packet& p, std::size_t decoder) {
    struct Header {
        std::array<std::uint8_t, 16> src_ip, dst_ip;
        std::array<std::uint8_t, 6> src_mac, dst_mac;
        std::uint16_t ether_type, vlan, src_port, dst_port;
        std::uint8_t flags;
    } header{p.src_ip.bytes, p.dst_ip.bytes, p.src_mac.bytes, p.dst_mac.bytes, p.ether_type, p.vlan, p.src_port, p.dst_port,
             static_cast<std::uint8_t>(p.multicast | p.src_ip.v6 << 1 | p.src_ip.empty << 2 | p.src_mac.empty << 3 |
                                       static_cast<unsigned>(p.transport) << 4)};
    const std::hash<std::string_view> hash;
    const auto head = hash({reinterpret_cast<const char*>(&header), sizeof header});
    const auto body = hash({reinterpret_cast<const char*>(p.payload.data()), p.payload.size()});
    return head * 0x9e3779b97f4a7c15ull ^ body ^ decoder;
}

void Capture::dispatch(const Packet& packet, bool repeats) {
    for (std::size_t i = 0; i < options_.decoders.size(); ++i) {
        const PassiveDecoder& decoder = *options_.decoders[i];
        if (!decoder.wants(packet)) continue;
        const std::uint64_t hash = repeats ? datagram_hash(packet, i) : 0;
        if (repeats) {
            if (const auto it = decoded_before_.find(hash); it != decoded_before_.end()) {
                ++(it->second ? decoded_ : failed_)[i];
                if (it->second) note_heard(packet);
                continue;
            }
            if (decoded_before_.size() >= max_remembered_datagrams) decoded_before_.clear();
        }
        scratch_.clear();
        const bool understood = decoder.decode(packet, scratch_);
        ++(understood ? decoded_ : failed_)[i];
        if (repeats) decoded_before_.emplace(hash, understood);
        if (understood) note_heard(packet);
        for (auto& observation : scratch_) keep(std::move(observation));
    }
}

// One copy of each fact (host, key, port, value): a camera announcing itself every second
// for a day adds nothing after the first time.
void Capture::keep(Observation&& o) {
    std::string identity = fmt::format("{}|{}|{}|{}|{}|{}", o.ip, o.mac, o.key, o.port, o.proto, o.value);
    if (seen_.contains(identity)) return;
    if (result_.observations.size() >= max_observations) {
        ++observations_dropped_;
        return;
    }
    seen_.insert(std::move(identity));
    if (options_.progress) hosts_.insert(o.ip.empty() ? o.mac : o.ip);
    result_.observations.push_back(std::move(o));
}

// The sender's address, or for ARP (which has no IP header) its MAC; tagged so they never mix.
void Capture::note_heard(const Packet& packet) {
    std::string sender;
    if (!packet.src_ip.empty)
        sender.assign(1, 'i').append(reinterpret_cast<const char*>(packet.src_ip.bytes.data()), packet.src_ip.v6 ? 16 : 4);
    else if (!packet.src_mac.empty)
        sender.assign(1, 'm').append(reinterpret_cast<const char*>(packet.src_mac.bytes.data()), 6);
    else
        return;
    const auto it = last_heard_.find(sender);
    if (it != last_heard_.end()) it->second = std::max(it->second, packet.time);
    else if (last_heard_.size() < max_observations) last_heard_.emplace(std::move(sender), packet.time);
}

std::string sender_text(const std::string& sender) {
    if (sender.front() == 'm') {
        MacBytes mac;
        mac.empty = false;
        std::copy(sender.begin() + 1, sender.end(), mac.bytes.begin());
        return to_text(mac);
    }
    IpBytes ip;
    ip.empty = false;
    ip.v6 = sender.size() == 17;
    std::copy(sender.begin() + 1, sender.end(), ip.bytes.begin());
    return to_text(ip);
}

// For each sender heard again after its first fact, one copy of that fact at the later time:
// identification merges identical facts and keeps the span (first_seen .. last_seen).
void Capture::add_last_heard() {
    std::unordered_map<std::string, std::size_t> first_fact;  // ip or mac text -> its first observation
    for (std::size_t i = 0; i < result_.observations.size(); ++i) {
        first_fact.try_emplace(result_.observations[i].ip, i);
        first_fact.try_emplace(result_.observations[i].mac, i);
    }
    first_fact.erase("");
    for (const auto& [sender, latest] : last_heard_) {
        const auto it = first_fact.find(sender_text(sender));
        if (it == first_fact.end() || latest <= result_.observations[it->second].time) continue;
        Observation again = result_.observations[it->second];
        again.time = latest;
        result_.observations.push_back(std::move(again));
    }
}

bool Capture::should_stop(std::chrono::steady_clock::time_point start, const std::optional<StopSignals>& signals) {
    if (signals && signals->caught() != 0) {
        // A live capture with no --duration is meant to end at Ctrl-C: that end is complete.
        if (!source_.live() || options_.duration.count() > 0) result_.complete = false;
        result_.stop_reason = StopSignals::reason(signals->caught());
        return true;
    }
    if (options_.stop && options_.stop->load(std::memory_order_relaxed)) return true;
    return source_.live() && options_.duration.count() > 0 &&
           std::chrono::steady_clock::now() - start >= options_.duration;
}

void Capture::show_progress(bool final_line) {
    if (!options_.progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!final_line && now - last_progress_ < std::chrono::seconds(1)) return;
    last_progress_ = now;
    fmt::print(stderr, "\rcamaudit: passive {}: {} packets, {} devices{}", options_.source_name, packets_,
               hosts_.size(), final_line ? "\n" : "");
}

CaptureResult Capture::run() {
    std::atomic<bool> interrupted{false};
    std::optional<StopSignals> signals;
    if (options_.own_signals) signals.emplace(interrupted);
    read_all(signals);
    flows_.flush();
    add_last_heard();
    show_progress(true);
    finish_stats();
    result_.source_name = options_.source_name;
    return std::move(result_);
}

// Reads until the file ends or is cut, or until told to stop; a live capture then still reads
// what the kernel already holds (the answers to a scan's last probes), for max_drain at most.
void Capture::read_all(const std::optional<StopSignals>& signals) {
    using std::chrono::steady_clock;
    const auto start = steady_clock::now();
    // A file is checked every 4096 records (the clock costs more than a record); a live
    // capture at every record, since a trickle of packets never leaves it idle and would
    // otherwise hold off the duration and the stop for minutes.
    const std::uint64_t check_every = source_.live() ? 0 : 0xfff;
    std::optional<steady_clock::time_point> drain_until;
    net::PcapRecord record;
    for (std::uint64_t turn = 0;; ++turn) {
        if (!drain_until && (turn & check_every) == 0) {
            if (should_stop(start, signals)) {
                if (!source_.live()) return;
                drain_until = steady_clock::now() + max_drain;
            }
            show_progress(false);
        }
        const auto status = source_.next(record, drain_until ? std::chrono::milliseconds(0) : std::chrono::milliseconds(200));
        if (status == net::NextStatus::record) {
            handle(record);
            if (drain_until && steady_clock::now() >= *drain_until) return;
            continue;
        }
        if (status == net::NextStatus::idle && !drain_until) {
            turn = 0xfff;  // check the clock and signals at once
            continue;
        }
        if (status == net::NextStatus::truncated) note_truncated();
        return;
    }
}

void Capture::note_truncated() {
    result_.stats["truncated"] = 1;
    result_.errors.push_back({options_.source_name, "capture",
                              fmt::format("capture file cut inside a record after {} packets ({}); "
                                          "the packets before it were decoded", packets_, source_.error())});
}

void Capture::finish_stats() {
    auto& stats = result_.stats;
    stats["packets"] = packets_;
    stats["bytes"] = bytes_;
    stats["malformed"] = malformed_;
    stats["skipped"] = skipped_;
    stats["snapped"] = snapped_;
    stats[fmt::format("link.{}", parse::link_type_name(link_))] = packets_;
    stats["arp"] = arp_;
    stats["ipv4"] = ipv4_;
    stats["ipv6"] = ipv6_;
    stats["udp"] = udp_;
    stats["tcp"] = tcp_;
    stats["tcp.streams"] = flows_.stats().delivered;
    stats["tcp.evicted"] = flows_.stats().evicted;
    stats["tcp.gaps"] = flows_.stats().gaps;
    stats["observations"] = result_.observations.size();
    if (observations_dropped_ > 0) stats["observations_dropped"] = observations_dropped_;
    for (std::size_t i = 0; i < options_.decoders.size(); ++i) {
        stats[fmt::format("decoded.{}", options_.decoders[i]->name)] = decoded_[i];
        if (failed_[i] > 0) stats[fmt::format("malformed.{}", options_.decoders[i]->name)] = failed_[i];
    }
    if (const auto kernel = source_.stats()) {
        stats["kernel_received"] = kernel->received;
        stats["kernel_dropped"] = kernel->dropped;
        stats["interface_dropped"] = kernel->interface_dropped;
    }
}

}  // namespace

std::string capture_filter(std::span<const PassiveDecoder* const> decoders) {
    std::string filter;
    for (const auto* decoder : decoders) {
        if (decoder->capture_filter.empty()) continue;
        filter += fmt::format("{}({})", filter.empty() ? "" : " or ", decoder->capture_filter);
    }
    // Trunk and mirror ports carry 802.1Q tags: the same filter, inside a VLAN.
    return filter.empty() ? filter : fmt::format("{} or (vlan and ({}))", filter, filter);
}

StopSignals::StopSignals(std::atomic<bool>& stop) {
    stop_signal = 0;
    stop_target.store(&stop);
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
}

StopSignals::~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    stop_target.store(nullptr);
}

int StopSignals::caught() const { return stop_signal; }

std::string StopSignals::reason(int signal) {
    return signal == SIGTERM ? "terminated (SIGTERM)" : "interrupted (SIGINT)";
}

void record_capture(CaptureResult& result, Report& report) {
    const auto count = [&](const char* key) { return result.stats.contains(key) ? result.stats.at(key) : 0; };
    if (const auto dropped = count("kernel_dropped"), lost = count("interface_dropped"); dropped + lost > 0) {
        const auto message = fmt::format("the kernel dropped {} and the interface {} of {} packets: the capture "
                                         "is incomplete (use --filter, or a quieter port)",
                                         dropped, lost, count("kernel_received"));
        fmt::print(stderr, "camaudit: warning: {}\n", message);
        result.errors.push_back({result.source_name, "capture", message});
    }
    for (auto& [key, value] : result.stats) report.scan.capture_stats[key] += value;
    result.stats.clear();
    for (auto& error : result.errors) report.errors.push_back(std::move(error));
    result.errors.clear();
}

CaptureResult run_capture(net::PcapSource& source, const CaptureOptions& options) {
    if (!parse::link_type_supported(source.link_type()))
        throw UsageError(fmt::format("capture link type {} is not supported", source.link_type_label()),
                         "supported: Ethernet (with 802.1Q/QinQ), Linux cooked SLL and SLL2, raw IPv4/IPv6, BSD loopback");
    Capture capture(source, options);
    return capture.run();
}

}  // namespace camaudit::passive
