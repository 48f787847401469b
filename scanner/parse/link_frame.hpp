// Captured frames to camaudit::Packet: link layer (Ethernet with 802.1Q/QinQ tags, Linux
// cooked SLL/SLL2, raw IP, BSD loopback), IPv4 (options; first fragments only), IPv6
// (extension headers, bounded), UDP and TCP. Pure and bounds-checked: any bytes, no throw.
#pragma once
#include <camaudit/packet.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace camaudit::parse {

inline constexpr std::size_t max_vlan_tags = 4;
inline constexpr std::size_t max_ipv6_extension_headers = 8;

// Link types by the number pcap_datalink() returns (DLT_*; LINKTYPE_* where they differ).
namespace link_type {
inline constexpr int null = 0, ethernet = 1, raw = 12, raw_bsd = 14, raw_file = 101, loop = 108,
                     linux_sll = 113, ipv4 = 228, ipv6 = 229, linux_sll2 = 276;
}
bool link_type_supported(int link);
std::string_view link_type_name(int link);  // "ethernet", "linux_sll", ...; "dlt_unknown" otherwise

enum class FrameStatus : std::uint8_t {
    decoded,    // packet filled (IP with any protocol, or ARP)
    malformed,  // a length or header that lies
    skipped,    // not for us: other ether type, later IP fragment, unknown family
};

// A decoded frame: the packet (time left to the caller) and what the flow table needs.
struct Frame {
    Packet packet;
    std::uint8_t ip_protocol = 0;    // 6 TCP, 17 UDP, 58 ICMPv6, ...
    std::uint8_t tcp_flags = 0;
    std::uint32_t tcp_seq = 0;
    bool payload_cut = false;        // fewer payload bytes than the headers announce (snap
                                     // length or first fragment); the rest is not in the capture
};

// `snapped` = the record holds fewer bytes than were on the wire (caplen < len): short
// packets are then expected, not malformed.
FrameStatus decode_frame(int link, std::span<const std::uint8_t> bytes, bool snapped, Frame& out);

}  // namespace camaudit::parse
