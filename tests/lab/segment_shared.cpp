// The sparse segment's layout: a few device namespaces, each joined to the bridge by one veth
// trunk carrying a macvlan interface per device (its own MAC and address). Built with one
// `ip -batch` per namespace, so hundreds of devices cost a few dozen processes. Routed: the
// bridge sits in a router namespace that filters the unassigned addresses.
#include <lab/segment.hpp>
#include <lab/segment_shell.hpp>
#include <lab/sparse.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>

#include <cstdlib>

namespace camaudit::lab {

using segment_shell::ip;
using segment_shell::ip_batch;
using segment_shell::quiet;

namespace {

// Per namespace: an interface answers ARP only for its own addresses (arp_ignore=1) and asks
// with the address of the interface it sends on (arp_announce=2); no reverse-path filter,
// since many interfaces share one subnet.
std::string shared_sysctls(const std::string& netns) {
    return "ip netns exec " + netns +
           " sysctl -q -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.default.arp_ignore=1"
           " net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.default.arp_announce=2"
           " net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0";
}

// The routed layout's uplink: the scanner and the router on a /30 of the benchmark range
// (RFC 2544), which exists only inside these two namespaces.
constexpr const char* scanner_uplink = "198.18.0.1";
constexpr const char* router_uplink = "198.18.0.2";

}  // namespace

void Segment::build_router(const std::string& prefix, const Cidr& range) {
    const std::string router = prefix + "-router";
    build_bridge(router, bridge_address(range).to_string() + "/" + std::to_string(range.prefix));
    ip("netns add " + scanner_netns_);
    created_.push_back(scanner_netns_);
    ip("-n " + router + " link add rt0 type veth peer name rt0 netns " + scanner_netns_);
    ip_batch(router, {std::string("addr add ") + router_uplink + "/30 dev rt0", "link set rt0 up"});
    ip_batch(scanner_netns_, {"link set lo up", std::string("addr add ") + scanner_uplink + "/30 dev rt0", "link set rt0 up",
                              "route add " + range.to_string() + " via " + router_uplink});
    if (std::system(quiet("ip netns exec " + router + " sysctl -q -w net.ipv4.ip_forward=1").c_str()) != 0)
        throw RunError("segment: cannot turn on forwarding in " + router);
    std::vector<boost::asio::ip::address_v4> assigned;
    for (const auto& device : devices_) assigned.push_back(device.address);
    drop_unassigned(range, assigned, router);
    scanner_ip_ = scanner_uplink;
    scanner_interface_ = "rt0";
}

void Segment::build_shared(const std::string& prefix, const Cidr& range, SparseLayout layout) {
    const bool routed = layout == SparseLayout::routed;
    if (routed)
        build_router(prefix, range);
    else
        build_bridge(scanner_netns_, scanner_ip_ + "/" + std::to_string(range.prefix));
    const std::string bridge_netns = routed ? prefix + "-router" : scanner_netns_;
    const std::string gateway = bridge_address(range).to_string();
    const std::string subnet = range.to_string();
    std::vector<std::string> bridge_lines;
    const std::size_t groups = (devices_.size() + devices_per_namespace - 1) / devices_per_namespace;
    for (std::size_t g = 0; g < groups; ++g) {
        const std::string netns = fmt::format("{}-g{}", prefix, g);
        ip("netns add " + netns);
        created_.push_back(netns);
        if (std::system(quiet(shared_sysctls(netns)).c_str()) != 0)
            throw RunError("segment: cannot set the ARP sysctls in " + netns);
        const std::string trunk = fmt::format("vg{}", g);
        ip("-n " + bridge_netns + " link add " + trunk + " type veth peer name trunk netns " + netns);
        bridge_lines.push_back("link set " + trunk + " master seg0 up");
        std::vector<std::string> lines = {"link set lo up", "link set trunk up"};
        for (std::size_t j = g * devices_per_namespace; j < std::min(devices_.size(), (g + 1) * devices_per_namespace); ++j) {
            auto& device = devices_[j];
            device.netns = netns;
            device.interface = fmt::format("mv{}", j);
            const auto address = device.address.to_string();
            const auto table = std::to_string(1000 + j);
            // A large broadcast queue: an ARP sweep floods every macvlan with requests.
            lines.push_back("link add " + device.interface + " link trunk address " + device.mac +
                            " type macvlan mode bridge bcqueuelen 65535");
            lines.push_back(fmt::format("addr add {}/{} dev {}", address, range.prefix, device.interface));
            lines.push_back("link set " + device.interface + " up");
            // What a device sends from its address (replies, resets) leaves by its own interface.
            lines.push_back("rule add from " + address + " table " + table + " pref " + table);
            lines.push_back("route add " + subnet + " dev " + device.interface + " src " + address + " table " + table);
            if (routed) lines.push_back("route add default via " + gateway + " dev " + device.interface + " table " + table);
        }
        ip_batch(netns, lines);
    }
    ip_batch(bridge_netns, bridge_lines);
}

}  // namespace camaudit::lab
