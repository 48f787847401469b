#include "packet_text.hpp"

#include <boost/asio/ip/address.hpp>
#include <fmt/format.h>

namespace camaudit {

std::string to_text(const IpBytes& ip) {
    if (ip.empty) return {};
    if (!ip.v6) {
        boost::asio::ip::address_v4::bytes_type four{};
        std::copy_n(ip.bytes.begin(), 4, four.begin());
        return boost::asio::ip::address_v4(four).to_string();
    }
    auto v6 = boost::asio::ip::address_v6(ip.bytes);
    if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
    return v6.to_string();
}

std::string to_text(const MacBytes& mac) {
    if (mac.empty) return {};
    const auto& b = mac.bytes;
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4], b[5]);
}

}  // namespace camaudit

namespace camaudit::passive {

bool sender_on_link(const Packet& packet) { return packet.multicast || packet.ether_type == 0x0806; }

Observation sender_observation(const Packet& packet, std::string_view decoder, bool with_mac) {
    Observation o;
    o.ip = to_text(packet.src_ip);
    if (with_mac) o.mac = to_text(packet.src_mac);
    o.port = packet.src_port;
    o.proto = packet.transport == Transport::udp ? "udp" : packet.transport == Transport::tcp ? "tcp" : "";
    o.probe = fmt::format("passive:{}", decoder);
    o.time = packet.time;
    return o;
}

}  // namespace camaudit::passive
