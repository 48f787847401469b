// The sparse segment's layout: a few device namespaces, each joined to the bridge by one veth
// trunk carrying a macvlan interface per device (its own MAC and address). Built with one
// `ip -batch` per namespace, so hundreds of devices cost a few dozen processes.
#include <lab/segment.hpp>
#include <lab/segment_shell.hpp>

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

}  // namespace

void Segment::build_shared(const std::string& prefix, const Cidr& range) {
    build_scanner(scanner_ip_ + "/" + std::to_string(range.prefix));
    const std::string subnet = range.to_string();
    std::vector<std::string> scanner_lines;
    const std::size_t groups = (devices_.size() + devices_per_namespace - 1) / devices_per_namespace;
    for (std::size_t g = 0; g < groups; ++g) {
        const std::string netns = fmt::format("{}-g{}", prefix, g);
        ip("netns add " + netns);
        created_.push_back(netns);
        if (std::system(quiet(shared_sysctls(netns)).c_str()) != 0)
            throw RunError("segment: cannot set the ARP sysctls in " + netns);
        const std::string trunk = fmt::format("vg{}", g);
        ip("-n " + scanner_netns_ + " link add " + trunk + " type veth peer name trunk netns " + netns);
        scanner_lines.push_back("link set " + trunk + " master seg0 up");
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
        }
        ip_batch(netns, lines);
    }
    ip_batch(scanner_netns_, scanner_lines);
}

}  // namespace camaudit::lab
