// ARP frames: built for the sweep, read straight down with bounds checked for replies.
#include <parse/arp_packet.hpp>

#include <fmt/format.h>

namespace camaudit::parse {
namespace {

constexpr std::uint16_t ethertype_arp = 0x0806;
constexpr std::uint16_t ethertype_vlan = 0x8100;
constexpr std::uint16_t hardware_ethernet = 1;
constexpr std::uint16_t protocol_ipv4 = 0x0800;

std::uint16_t read16(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<std::uint8_t>(bytes[at]) << 8 | static_cast<std::uint8_t>(bytes[at + 1]));
}

std::uint32_t read32(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint32_t>(read16(bytes, at)) << 16 | read16(bytes, at + 2);
}

MacAddress read_mac(std::string_view bytes, std::size_t at) {
    MacAddress mac{};
    for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::uint8_t>(bytes[at + i]);
    return mac;
}

void put16(std::string& out, std::uint16_t value) {
    out.push_back(static_cast<char>(value >> 8));
    out.push_back(static_cast<char>(value & 0xff));
}

void put32(std::string& out, std::uint32_t value) {
    put16(out, static_cast<std::uint16_t>(value >> 16));
    put16(out, static_cast<std::uint16_t>(value & 0xffff));
}

void put_mac(std::string& out, const MacAddress& mac) {
    for (const auto byte : mac) out.push_back(static_cast<char>(byte));
}

}  // namespace

std::string arp_request_frame(const MacAddress& own_mac, std::uint32_t own_ip, std::uint32_t target_ip) {
    std::string frame;
    frame.reserve(arp_frame_bytes);
    put_mac(frame, MacAddress{0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    put_mac(frame, own_mac);
    put16(frame, ethertype_arp);
    put16(frame, hardware_ethernet);
    put16(frame, protocol_ipv4);
    frame.push_back(6);
    frame.push_back(4);
    put16(frame, static_cast<std::uint16_t>(ArpOperation::request));
    put_mac(frame, own_mac);
    put32(frame, own_ip);
    put_mac(frame, MacAddress{});
    put32(frame, target_ip);
    return frame;
}

std::optional<ArpPacket> parse_arp_frame(std::string_view frame) {
    if (frame.size() < ethernet_header_bytes) return std::nullopt;
    std::size_t at = 12;
    std::uint16_t ethertype = read16(frame, at);
    if (ethertype == ethertype_vlan) {
        at += 4;
        if (frame.size() < at + 2) return std::nullopt;
        ethertype = read16(frame, at);
    }
    at += 2;
    if (ethertype != ethertype_arp || frame.size() < at + arp_ipv4_body_bytes) return std::nullopt;
    if (read16(frame, at) != hardware_ethernet || read16(frame, at + 2) != protocol_ipv4) return std::nullopt;
    if (static_cast<std::uint8_t>(frame[at + 4]) != 6 || static_cast<std::uint8_t>(frame[at + 5]) != 4) return std::nullopt;
    const auto operation = read16(frame, at + 6);
    if (operation != 1 && operation != 2) return std::nullopt;
    ArpPacket packet;
    packet.operation = static_cast<ArpOperation>(operation);
    packet.sender_mac = read_mac(frame, at + 8);
    packet.sender_ip = read32(frame, at + 14);
    packet.target_mac = read_mac(frame, at + 18);
    packet.target_ip = read32(frame, at + 24);
    return packet;
}

std::string mac_text(const MacAddress& mac) {
    return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

}  // namespace camaudit::parse
