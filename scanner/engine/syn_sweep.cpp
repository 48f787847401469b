// Opening the SYN sweep's handles on the route to the targets: the kernel picks the source
// address (a UDP socket connected to a target, nothing sent), getifaddrs names its interface.
#include <engine/syn_sweep.hpp>

#include <camaudit/error.hpp>
#include <engine/probe_key.hpp>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace camaudit::engine {
namespace {

namespace ip = boost::asio::ip;

constexpr int capture_snap_bytes = 256;  // link + IP + ICMP + quoted IP with options + 8 bytes
constexpr int capture_buffer_bytes = 16 << 20;
// A SYN to an address whose ARP is unresolved stays charged to the socket until ARP gives up
// (about 3 s): on a sparse LAN the default send buffer (~200 KiB) held ~200 of them and sendto
// blocked, capping the sweep near 100 probes/s. 32 MiB covers 3 s at 10,000 probes/s.
constexpr int send_buffer_bytes = 32 << 20;

int open_raw_socket() {
    // IPPROTO_RAW implies IP_HDRINCL: we write the IP header, the kernel routes and resolves ARP.
    return socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
}

// SO_SNDBUFFORCE passes net.core.wmem_max (root or CAP_NET_ADMIN); else as much as it allows.
void widen_send_buffer(int raw) {
    if (setsockopt(raw, SOL_SOCKET, SO_SNDBUFFORCE, &send_buffer_bytes, sizeof send_buffer_bytes) != 0)
        setsockopt(raw, SOL_SOCKET, SO_SNDBUF, &send_buffer_bytes, sizeof send_buffer_bytes);
}

}  // namespace

ip::address_v4 SynSweep::route_source(const ip::address_v4& target) {
    const int probe = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (probe < 0) throw RunError(fmt::format("SYN sweep: no socket to find a route: {}", std::strerror(errno)));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(9);
    to.sin_addr.s_addr = htonl(target.to_uint());
    sockaddr_in own{};
    socklen_t length = sizeof own;
    const bool routed = connect(probe, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 &&
                        getsockname(probe, reinterpret_cast<sockaddr*>(&own), &length) == 0;
    const int error = errno;
    close(probe);
    if (!routed) throw RunError(fmt::format("SYN sweep: no route to {}: {}", target.to_string(), std::strerror(error)));
    return ip::address_v4(ntohl(own.sin_addr.s_addr));
}

namespace {

std::string interface_holding(const ip::address_v4& address) {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) throw RunError(fmt::format("SYN sweep: getifaddrs: {}", std::strerror(errno)));
    std::string name;
    for (const ifaddrs* at = list; at != nullptr && name.empty(); at = at->ifa_next) {
        if (at->ifa_addr == nullptr || at->ifa_addr->sa_family != AF_INET) continue;
        const auto* in = reinterpret_cast<const sockaddr_in*>(at->ifa_addr);
        if (ntohl(in->sin_addr.s_addr) == address.to_uint()) name = at->ifa_name;
    }
    freeifaddrs(list);
    // 127.0.0.0/8 beyond 127.0.0.1 is routed to lo without being listed on it.
    if (name.empty() && address.is_loopback()) name = "lo";
    if (name.empty()) throw RunError(fmt::format("SYN sweep: no interface holds the source address {}", address.to_string()));
    return name;
}

}  // namespace

SynReadiness syn_sweep_ready() {
    const int raw = open_raw_socket();
    if (raw < 0) {
        return {false, fmt::format("no CAP_NET_RAW ({}): the port sweep uses connect(), slower on sparse networks; "
                                   "run as root or grant the binary cap_net_raw for the SYN sweep",
                                   std::strerror(errno))};
    }
    close(raw);
    return {true, ""};
}

std::string SynSweep::capture_filter(const ip::address_v4& source) {
    return fmt::format(
        "dst host {0} and ((tcp dst portrange {1}-{2} and "
        "(tcp[tcpflags] & tcp-rst != 0 or tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack))) or "
        "icmp[icmptype] == icmp-unreach)",
        source.to_string(), probe_port_first, probe_port_last);
}

std::unique_ptr<SynSweep> SynSweep::open(const ip::address_v4& route_to) {
    const auto source = route_source(route_to);
    auto interface = interface_holding(source);
    const int raw = open_raw_socket();
    if (raw < 0) throw RunError(fmt::format("SYN sweep: no raw socket: {}", std::strerror(errno)));
    widen_send_buffer(raw);
    try {
        auto capture = net::PcapSource::open_live({interface, capture_snap_bytes, false, capture_buffer_bytes});
        capture.set_filter(capture_filter(source));
        return std::unique_ptr<SynSweep>(new SynSweep(raw, std::move(capture), source, std::move(interface)));
    } catch (...) {
        close(raw);
        throw;
    }
}

SynSweep::SynSweep(int raw_socket, net::PcapSource capture, ip::address_v4 source, std::string interface)
    : raw_socket_(raw_socket), capture_(std::move(capture)), source_(source), interface_(std::move(interface)) {}

SynSweep::~SynSweep() { close(raw_socket_); }

}  // namespace camaudit::engine
