// ARP over Ethernet for IPv4 (RFC 826): the broadcast request frame the ARP sweep sends and
// the parse of a frame that may be a reply. Pure, no I/O, any bytes.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace camaudit::parse {

inline constexpr std::size_t ethernet_header_bytes = 14;
inline constexpr std::size_t arp_ipv4_body_bytes = 28;
inline constexpr std::size_t arp_frame_bytes = ethernet_header_bytes + arp_ipv4_body_bytes;

using MacAddress = std::array<std::uint8_t, 6>;

enum class ArpOperation : std::uint16_t { request = 1, reply = 2 };

// Addresses in host byte order; `sender_*` is who the frame speaks for.
struct ArpPacket {
    ArpOperation operation = ArpOperation::request;
    MacAddress sender_mac{};
    std::uint32_t sender_ip = 0;
    MacAddress target_mac{};
    std::uint32_t target_ip = 0;
};

// A broadcast Ethernet frame (42 bytes) asking who has `target_ip`.
std::string arp_request_frame(const MacAddress& own_mac, std::uint32_t own_ip, std::uint32_t target_ip);

// An Ethernet II frame (an 802.1Q tag is skipped) carrying ARP for IPv4 over Ethernet,
// request or reply; nullopt for anything else, truncated or not. Trailing padding is fine.
std::optional<ArpPacket> parse_arp_frame(std::string_view frame);

// "aa:bb:cc:dd:ee:ff", lower case, as Observation::mac wants it.
std::string mac_text(const MacAddress& mac);

}  // namespace camaudit::parse
