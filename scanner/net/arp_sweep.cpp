// Synchronous on purpose: one pcap descriptor, polled until each next token is due, so the
// sweep needs no io_context and runs before the active scan's loop starts.
#include <net/arp_sweep.hpp>

#include <camaudit/error.hpp>
#include <net/neighbour_table.hpp>
#include <net/rate_limiter.hpp>
#include <parse/arp_packet.hpp>

#include <fmt/format.h>
#include <map>
#include <pcap/pcap.h>
#include <poll.h>
#include <set>

namespace camaudit::net {
namespace {

constexpr int snap_length = 128;
constexpr std::size_t minimum_ethernet_frame = 60;  // without FCS; short frames are padded
using SteadyClock = std::chrono::steady_clock;

}  // namespace

struct ArpCapture::Handle {
    pcap_t* pcap = nullptr;
    std::set<std::uint32_t> wanted;
    std::set<std::pair<std::uint32_t, std::string>> heard;
    std::vector<Observation> observations;
    ~Handle() {
        if (pcap) pcap_close(pcap);
    }
};

std::string capture_permission_hint() {
    return "capturing and sending raw frames needs CAP_NET_RAW: run as root (sudo camaudit ...), "
           "or grant the capability once: sudo setcap cap_net_raw+ep \"$(command -v camaudit)\" "
           "(see docs/layer2.md)";
}

namespace {

[[noreturn]] void open_failed(pcap_t* pcap, const std::string& name, int status) {
    const std::string detail = pcap_geterr(pcap);
    pcap_close(pcap);
    if (status == PCAP_ERROR_PERM_DENIED || detail.find("ermission") != std::string::npos ||
        detail.find("not permitted") != std::string::npos)
        throw RunError(fmt::format("no permission to capture on {} ({}); {}", name, detail, capture_permission_hint()));
    throw RunError(fmt::format("cannot capture on {}: {} {}", name, pcap_statustostr(status), detail));
}

pcap_t* open_arp_capture(const std::string& name) {
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_create(name.c_str(), error);
    if (!pcap) throw RunError(fmt::format("cannot capture on {}: {}", name, error));
    pcap_set_snaplen(pcap, snap_length);
    pcap_set_promisc(pcap, 0);
    pcap_set_immediate_mode(pcap, 1);
    if (const int status = pcap_activate(pcap); status < 0) open_failed(pcap, name, status);
    bpf_program filter{};
    if (pcap_compile(pcap, &filter, "arp", 1, PCAP_NETMASK_UNKNOWN) != 0 || pcap_setfilter(pcap, &filter) != 0) {
        pcap_freecode(&filter);
        open_failed(pcap, name, PCAP_ERROR);
    }
    pcap_freecode(&filter);
    if (pcap_setnonblock(pcap, 1, error) != 0) open_failed(pcap, name, PCAP_ERROR);
    return pcap;
}

}  // namespace

ArpCapture::ArpCapture(InterfaceInfo interface) : interface_(std::move(interface)), handle_(std::make_unique<Handle>()) {
    handle_->pcap = open_arp_capture(interface_.name);
}

ArpCapture::~ArpCapture() = default;

namespace {

void on_frame(u_char* user, const pcap_pkthdr* header, const u_char* bytes) {
    auto& handle = *reinterpret_cast<ArpCapture::Handle*>(user);
    const auto packet = parse::parse_arp_frame({reinterpret_cast<const char*>(bytes), header->caplen});
    if (!packet || !handle.wanted.contains(packet->sender_ip)) return;
    const auto mac = parse::mac_text(packet->sender_mac);
    if (mac == "00:00:00:00:00:00" || !handle.heard.emplace(packet->sender_ip, mac).second) return;
    Observation o;
    o.ip = boost::asio::ip::address_v4(packet->sender_ip).to_string();
    o.mac = mac;
    o.key = "arp.mac";
    o.value = mac;
    o.probe = "arp";
    o.context = packet->operation == parse::ArpOperation::reply ? "ARP reply to who-has " + o.ip : "ARP request from " + o.ip;
    o.time = Clock::now();
    handle.observations.push_back(std::move(o));
}

// Reads frames until `deadline`; returns the number of ARP frames from targets seen.
void drain_until(ArpCapture::Handle& handle, SteadyClock::time_point deadline) {
    pollfd descriptor{pcap_get_selectable_fd(handle.pcap), POLLIN, 0};
    for (;;) {
        pcap_dispatch(handle.pcap, -1, on_frame, reinterpret_cast<u_char*>(&handle));
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now());
        if (left.count() <= 0) return;
        poll(&descriptor, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 100)));
    }
}

}  // namespace

std::vector<Observation> ArpCapture::sweep(const std::vector<boost::asio::ip::address_v4>& targets,
                                           const ArpSweepOptions& options, const std::atomic<bool>& stopping) {
    std::vector<std::uint32_t> order;
    for (const auto& target : targets)
        if (interface_.on_subnet(target) && handle_->wanted.insert(target.to_uint()).second) order.push_back(target.to_uint());
    RateLimiter limiter(options.rate, std::max(1.0, options.rate / 10));
    for (const auto target : order) {
        if (stopping) break;
        drain_until(*handle_, limiter.reserve(SteadyClock::now()));
        auto frame = parse::arp_request_frame(interface_.mac, interface_.address.to_uint(), target);
        frame.resize(std::max(frame.size(), minimum_ethernet_frame), '\0');
        ++stats_.requests;
        if (pcap_inject(handle_->pcap, frame.data(), frame.size()) < 0) ++stats_.inject_errors;
    }
    drain_until(*handle_, SteadyClock::now() + options.listen_window);
    stats_.replies = handle_->heard.size();
    return std::move(handle_->observations);
}

std::vector<Observation> neighbour_observations(const std::vector<boost::asio::ip::address_v4>& targets) {
    std::set<std::string> wanted;
    for (const auto& target : targets) wanted.insert(target.to_string());
    std::vector<Observation> observations;
    for (const auto& neighbour : read_neighbour_table()) {
        if (!wanted.contains(neighbour.ip)) continue;
        Observation o;
        o.ip = neighbour.ip;
        o.mac = neighbour.mac;
        o.key = "arp.mac";
        o.value = neighbour.mac;
        o.probe = "neighbour";
        o.context = "kernel neighbour table, " + neighbour.interface;
        o.time = Clock::now();
        observations.push_back(std::move(o));
    }
    return observations;
}

}  // namespace camaudit::net
