// getifaddrs gives one entry per (interface, family): IPv4 entries carry address and mask,
// AF_PACKET entries the MAC; the two are joined by name.
#include <net/interface_info.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <bit>
#include <cstring>
#include <fmt/format.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <vector>

namespace camaudit::net {
namespace {

boost::asio::ip::address_v4 v4_of(const sockaddr* address) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(address);
    return boost::asio::ip::address_v4(ntohl(in->sin_addr.s_addr));
}

std::vector<InterfaceInfo> all_interfaces() {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return {};
    std::vector<InterfaceInfo> found;
    for (const ifaddrs* entry = list; entry; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET || !entry->ifa_netmask) continue;
        if (std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.name == entry->ifa_name; })) continue;
        InterfaceInfo info;
        info.name = entry->ifa_name;
        info.index = if_nametoindex(entry->ifa_name);
        info.address = v4_of(entry->ifa_addr);
        info.netmask = v4_of(entry->ifa_netmask);
        found.push_back(info);
    }
    for (const ifaddrs* entry = list; entry; entry = entry->ifa_next) {
        if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_PACKET) continue;
        const auto* link = reinterpret_cast<const sockaddr_ll*>(entry->ifa_addr);
        for (auto& info : found)
            if (info.name == entry->ifa_name && link->sll_halen == 6) std::memcpy(info.mac.data(), link->sll_addr, 6);
    }
    freeifaddrs(list);
    return found;
}

}  // namespace

bool InterfaceInfo::on_subnet(const boost::asio::ip::address_v4& other) const {
    const auto mask = netmask.to_uint();
    if ((other.to_uint() & mask) != (address.to_uint() & mask) || other == address) return false;
    // Below /31 the all-zeros and all-ones host parts are the network and broadcast addresses.
    const auto host = other.to_uint() & ~mask;
    return std::popcount(mask) >= 31 || (host != 0 && host != ~mask);
}

std::string InterfaceInfo::subnet_text() const {
    const auto mask = netmask.to_uint();
    return fmt::format("{}/{}", boost::asio::ip::address_v4(address.to_uint() & mask).to_string(), std::popcount(mask));
}

std::optional<InterfaceInfo> interface_named(const std::string& name) {
    for (auto& info : all_interfaces())
        if (info.name == name) return info;
    return std::nullopt;
}

std::optional<InterfaceInfo> interface_for(const boost::asio::ip::address_v4& target) {
    for (auto& info : all_interfaces())
        if (!info.address.is_loopback() && info.on_subnet(target)) return info;
    return std::nullopt;
}

}  // namespace camaudit::net
