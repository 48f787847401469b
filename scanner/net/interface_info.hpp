// What the layer-2 tools need to know about one local interface: its index, IPv4 address
// and mask, and its MAC, read with getifaddrs (no privilege needed).
#pragma once
#include <parse/arp_packet.hpp>

#include <boost/asio/ip/address_v4.hpp>
#include <optional>
#include <string>

namespace camaudit::net {

struct InterfaceInfo {
    std::string name;
    unsigned index = 0;
    boost::asio::ip::address_v4 address;
    boost::asio::ip::address_v4 netmask;
    parse::MacAddress mac{};

    // True for another host address of this interface's directly attached IPv4 subnet (not
    // its own, nor the network or broadcast address).
    bool on_subnet(const boost::asio::ip::address_v4& other) const;
    std::string subnet_text() const;  // "10.77.0.0/24"
};

// The interface called `name` with its first IPv4 address; nullopt when there is no such
// interface or it has no IPv4 address.
std::optional<InterfaceInfo> interface_named(const std::string& name);

// The first interface whose directly attached IPv4 subnet holds `target` (loopback skipped).
std::optional<InterfaceInfo> interface_for(const boost::asio::ip::address_v4& target);

}  // namespace camaudit::net
