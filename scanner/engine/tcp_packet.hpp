// The raw packets of the SYN sweep: the IPv4 TCP SYN it sends, and the parse of what may
// answer it (a SYN-ACK, a reset, an ICMP destination unreachable quoting our probe). Pure,
// bounds-checked, any bytes; no I/O.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace camaudit::engine {

inline constexpr std::size_t ipv4_header_bytes = 20;
inline constexpr std::size_t tcp_header_bytes = 20;
inline constexpr std::size_t tcp_mss_option_bytes = 4;  // a SYN without MSS is legal, but some stacks ignore it
// NOP, NOP, timestamps (RFC 7323): the SYN-ACK echoes our send time, so replies carry an RTT.
inline constexpr std::size_t tcp_timestamp_option_bytes = 12;
inline constexpr std::size_t tcp_option_bytes = tcp_mss_option_bytes + tcp_timestamp_option_bytes;
inline constexpr std::size_t syn_packet_bytes = ipv4_header_bytes + tcp_header_bytes + tcp_option_bytes;
inline constexpr std::size_t icmp_header_bytes = 8;
inline constexpr std::size_t icmp_quoted_tcp_bytes = 8;  // RFC 792: the quoted header plus 64 bits of data

namespace tcp_flag {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10;
}

// One TCP segment to build (no payload); addresses in host byte order.
struct TcpSegment {
    std::uint32_t source = 0;
    std::uint32_t destination = 0;
    std::uint16_t source_port = 0;
    std::uint16_t destination_port = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t flags = tcp_flag::syn;
    std::uint16_t ip_id = 0;
    std::uint8_t ttl = 64;
    std::uint32_t timestamp = 0;       // TSval
    std::uint32_t timestamp_echo = 0;  // TSecr
};

// An IPv4 packet (no options) holding `segment` with an MSS option of 1460 and the
// timestamps option, both checksums filled in: what IP_HDRINCL or pcap_inject sends as is.
std::array<std::uint8_t, syn_packet_bytes> tcp_packet(const TcpSegment& segment);

// The Internet checksum (RFC 1071) of `bytes`, starting from a partial sum; 0 over a header
// that carries a correct one.
std::uint16_t internet_checksum(std::span<const std::uint8_t> bytes, std::uint32_t partial = 0);

enum class ReplyKind : std::uint8_t { syn_ack, reset, unreachable };

// What a reply says, in host byte order. For TCP `sender`/`sender_port` are the probed
// host's address and port and `receiver`/`receiver_port` ours; `ack` is the reply's
// acknowledgement number. For an ICMP unreachable `sender` is whoever sent the ICMP (the
// host or a router on the way) and the rest is read from the quoted probe: `receiver` and
// `receiver_port` its source (us), `probed`/`probed_port` its destination, `quoted_seq` its
// sequence number. `echoed_timestamp` is a TCP reply's TSecr, when it carries the option.
struct Reply {
    ReplyKind kind = ReplyKind::reset;
    std::uint32_t sender = 0;
    std::uint32_t receiver = 0;
    std::uint16_t sender_port = 0;
    std::uint16_t receiver_port = 0;
    std::uint32_t ack = 0;
    std::uint32_t probed = 0;
    std::uint16_t probed_port = 0;
    std::uint32_t quoted_seq = 0;
    std::uint8_t icmp_code = 0;
    bool has_timestamp = false;
    std::uint32_t echoed_timestamp = 0;
};

enum class ReplyStatus : std::uint8_t {
    reply,      // one of the kinds above
    other,      // well-formed, but not an answer to a SYN (another protocol, flags, ICMP type)
    malformed,  // a length or header that lies, or too short to hold what it announces
};

struct ParsedReply {
    ReplyStatus status = ReplyStatus::other;
    Reply reply;
};

// Parses an IPv4 packet (from its IP header). Checksums are not verified: with offload the
// capture sees packets before the NIC fills them in, and validation is the probe's hash.
ParsedReply parse_reply(std::span<const std::uint8_t> ip_packet);

// The IPv4 packet inside a captured frame of link type `link` (parse::link_type: Ethernet
// with up to parse::max_vlan_tags tags, Linux cooked SLL and SLL2, raw IP, BSD loopback);
// nullopt for another network protocol, an unknown link type or a frame too short.
std::optional<std::span<const std::uint8_t>> ipv4_in_frame(int link, std::span<const std::uint8_t> frame);

}  // namespace camaudit::engine
