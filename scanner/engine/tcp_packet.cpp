// Building the SYN and reading its answers byte by byte: every read is checked against the
// span first, so truncated and lying packets are refused, never overread.
#include <engine/tcp_packet.hpp>

#include <parse/link_frame.hpp>

#include <algorithm>

namespace camaudit::engine {
namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::uint8_t protocol_icmp = 1;
constexpr std::uint8_t protocol_tcp = 6;
constexpr std::uint8_t icmp_destination_unreachable = 3;
constexpr std::uint16_t ether_ipv4 = 0x0800;
constexpr std::uint16_t mss = 1460;

std::uint16_t be16(Bytes b, std::size_t at) { return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]); }
std::uint32_t be32(Bytes b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at]) << 24 | static_cast<std::uint32_t>(b[at + 1]) << 16 |
           static_cast<std::uint32_t>(b[at + 2]) << 8 | b[at + 3];
}
void put16(std::uint8_t* at, std::uint16_t value) {
    at[0] = static_cast<std::uint8_t>(value >> 8);
    at[1] = static_cast<std::uint8_t>(value);
}
void put32(std::uint8_t* at, std::uint32_t value) {
    put16(at, static_cast<std::uint16_t>(value >> 16));
    put16(at + 2, static_cast<std::uint16_t>(value));
}

// The sum of the TCP pseudo-header (RFC 793: addresses, protocol, TCP length).
std::uint32_t pseudo_header_sum(std::uint32_t source, std::uint32_t destination, std::size_t tcp_length) {
    return (source >> 16) + (source & 0xffff) + (destination >> 16) + (destination & 0xffff) + protocol_tcp +
           static_cast<std::uint32_t>(tcp_length);
}

// The IPv4 header's length and the packet's payload, or nullopt when either lies.
struct Ipv4View {
    std::uint8_t protocol = 0;
    std::uint32_t source = 0;
    std::uint32_t destination = 0;
    Bytes payload;
};

std::optional<Ipv4View> ipv4_view(Bytes b) {
    if (b.size() < ipv4_header_bytes || (b[0] >> 4) != 4) return std::nullopt;
    const std::size_t header = static_cast<std::size_t>(b[0] & 0x0f) * 4;
    const std::size_t total = be16(b, 2);
    if (header < ipv4_header_bytes || total < header || header > b.size()) return std::nullopt;
    // A capture may cut the packet (snap length) or pad it (Ethernet minimum): keep what is there.
    const std::size_t end = std::min(total, b.size());
    return Ipv4View{b[9], be32(b, 12), be32(b, 16), b.subspan(header, end - header)};
}

// The TSecr of a timestamps option among `options`; options that lie end the walk (the
// reply still counts: only the RTT is lost).
void read_timestamp(Bytes options, Reply& reply) {
    constexpr std::uint8_t end = 0, nop = 1, timestamps = 8, timestamps_length = 10;
    for (std::size_t at = 0; at < options.size();) {
        const std::uint8_t kind = options[at];
        if (kind == end) return;
        if (kind == nop) {
            ++at;
            continue;
        }
        if (at + 1 >= options.size()) return;
        const std::size_t length = options[at + 1];
        if (length < 2 || at + length > options.size()) return;
        if (kind == timestamps && length == timestamps_length) {
            reply.has_timestamp = true;
            reply.echoed_timestamp = be32(options, at + 6);
            return;
        }
        at += length;
    }
}

ParsedReply tcp_reply(const Ipv4View& ip) {
    const Bytes t = ip.payload;
    if (t.size() < tcp_header_bytes) return {ReplyStatus::malformed, {}};
    const std::size_t header = static_cast<std::size_t>(t[12] >> 4) * 4;
    if (header < tcp_header_bytes) return {ReplyStatus::malformed, {}};
    const std::uint8_t flags = t[13];
    Reply reply;
    if ((flags & tcp_flag::rst) != 0) reply.kind = ReplyKind::reset;
    else if ((flags & (tcp_flag::syn | tcp_flag::ack)) == (tcp_flag::syn | tcp_flag::ack)) reply.kind = ReplyKind::syn_ack;
    else return {ReplyStatus::other, {}};
    reply.sender = ip.source;
    reply.receiver = ip.destination;
    reply.sender_port = be16(t, 0);
    reply.receiver_port = be16(t, 2);
    reply.ack = be32(t, 8);
    read_timestamp(t.subspan(tcp_header_bytes, std::min(header, t.size()) - tcp_header_bytes), reply);
    return {ReplyStatus::reply, reply};
}

ParsedReply icmp_reply(const Ipv4View& ip) {
    const Bytes icmp = ip.payload;
    if (icmp.size() < icmp_header_bytes) return {ReplyStatus::malformed, {}};
    if (icmp[0] != icmp_destination_unreachable) return {ReplyStatus::other, {}};
    const auto quoted = ipv4_view(icmp.subspan(icmp_header_bytes));
    if (!quoted) return {ReplyStatus::malformed, {}};
    if (quoted->protocol != protocol_tcp) return {ReplyStatus::other, {}};
    if (quoted->payload.size() < icmp_quoted_tcp_bytes) return {ReplyStatus::malformed, {}};
    Reply reply;
    reply.kind = ReplyKind::unreachable;
    reply.icmp_code = icmp[1];
    reply.sender = ip.source;
    reply.receiver = quoted->source;
    reply.probed = quoted->destination;
    reply.receiver_port = be16(quoted->payload, 0);
    reply.probed_port = be16(quoted->payload, 2);
    reply.quoted_seq = be32(quoted->payload, 4);
    return {ReplyStatus::reply, reply};
}

}  // namespace

std::uint16_t internet_checksum(Bytes bytes, std::uint32_t partial) {
    std::uint64_t sum = partial;
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) sum += be16(bytes, i);
    if (bytes.size() % 2 != 0) sum += static_cast<std::uint32_t>(bytes.back()) << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

std::array<std::uint8_t, syn_packet_bytes> tcp_packet(const TcpSegment& s) {
    std::array<std::uint8_t, syn_packet_bytes> p{};
    std::uint8_t* ip = p.data();
    ip[0] = 0x45;  // version 4, five 32-bit words
    put16(ip + 2, static_cast<std::uint16_t>(p.size()));
    put16(ip + 4, s.ip_id);
    ip[8] = s.ttl;
    ip[9] = protocol_tcp;
    put32(ip + 12, s.source);
    put32(ip + 16, s.destination);
    put16(ip + 10, internet_checksum(Bytes(ip, ipv4_header_bytes)));

    std::uint8_t* tcp = ip + ipv4_header_bytes;
    put16(tcp, s.source_port);
    put16(tcp + 2, s.destination_port);
    put32(tcp + 4, s.seq);
    put32(tcp + 8, s.ack);
    tcp[12] = static_cast<std::uint8_t>(((tcp_header_bytes + tcp_option_bytes) / 4) << 4);
    tcp[13] = s.flags;
    put16(tcp + 14, 65535);  // window
    tcp[20] = 2;             // MSS option: kind 2, length 4
    tcp[21] = 4;
    put16(tcp + 22, mss);
    tcp[24] = 1;  // NOP, NOP: the timestamps start on a 32-bit boundary
    tcp[25] = 1;
    tcp[26] = 8;  // timestamps: kind 8, length 10
    tcp[27] = 10;
    put32(tcp + 28, s.timestamp);
    put32(tcp + 32, s.timestamp_echo);
    const std::size_t tcp_length = tcp_header_bytes + tcp_option_bytes;
    put16(tcp + 16, internet_checksum(Bytes(tcp, tcp_length), pseudo_header_sum(s.source, s.destination, tcp_length)));
    return p;
}

ParsedReply parse_reply(Bytes ip_packet) {
    const auto ip = ipv4_view(ip_packet);
    if (!ip) return {ReplyStatus::malformed, {}};
    if ((be16(ip_packet, 6) & 0x1fff) != 0) return {ReplyStatus::other, {}};  // a later fragment
    if (ip->protocol == protocol_tcp) return tcp_reply(*ip);
    if (ip->protocol == protocol_icmp) return icmp_reply(*ip);
    return {ReplyStatus::other, {}};
}

std::optional<Bytes> ipv4_in_frame(int link, Bytes frame) {
    namespace lt = parse::link_type;
    std::size_t at = 0;
    std::uint16_t ether_type = ether_ipv4;
    switch (link) {
        case lt::ethernet:
            if (frame.size() < 14) return std::nullopt;
            ether_type = be16(frame, 12);
            at = 14;
            for (std::size_t tags = 0; ether_type == 0x8100 || ether_type == 0x88a8; ++tags) {
                if (tags == parse::max_vlan_tags || frame.size() < at + 4) return std::nullopt;
                ether_type = be16(frame, at + 2);
                at += 4;
            }
            break;
        case lt::linux_sll:
            if (frame.size() < 16) return std::nullopt;
            ether_type = be16(frame, 14);
            at = 16;
            break;
        case lt::linux_sll2:
            if (frame.size() < 20) return std::nullopt;
            ether_type = be16(frame, 0);
            at = 20;
            break;
        case lt::raw: case lt::raw_file: case lt::ipv4: break;
        case lt::null: case lt::loop: at = 4; break;
        default: return std::nullopt;
    }
    if (ether_type != ether_ipv4 || frame.size() < at + ipv4_header_bytes || (frame[at] >> 4) != 4) return std::nullopt;
    return frame.subspan(at);
}

}  // namespace camaudit::engine
