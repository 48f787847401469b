// Link, network and transport headers to a Packet (link_frame.hpp). Every read is checked
// against the captured bytes; a header that claims more than the wire carried is malformed
// unless the record was cut by the snap length.
#include <parse/link_frame.hpp>

#include <algorithm>
#include <cstring>

namespace camaudit::parse {
namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::uint16_t ether_ipv4 = 0x0800, ether_ipv6 = 0x86dd, ether_arp = 0x0806;

std::uint16_t be16(Bytes b, std::size_t at) { return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]); }
std::uint32_t be32(Bytes b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at]) << 24 | static_cast<std::uint32_t>(b[at + 1]) << 16 |
           static_cast<std::uint32_t>(b[at + 2]) << 8 | b[at + 3];
}
bool is_vlan_tag(std::uint16_t type) { return type == 0x8100 || type == 0x88a8 || type == 0x9100; }

void copy_mac(Bytes b, std::size_t at, MacBytes& mac) {
    std::memcpy(mac.bytes.data(), b.data() + at, 6);
    mac.empty = false;
}

// UDP and TCP headers; other protocols pass with their bytes as payload.
FrameStatus transport(Bytes data, bool cut, Frame& out) {
    Packet& p = out.packet;
    out.payload_cut = cut;
    if (out.ip_protocol == 17) {
        if (data.size() < 8) return cut ? FrameStatus::skipped : FrameStatus::malformed;
        const std::uint16_t length = be16(data, 4);
        if (length < 8) return FrameStatus::malformed;
        if (length > data.size() && !cut) return FrameStatus::malformed;
        p.transport = Transport::udp;
        p.src_port = be16(data, 0);
        p.dst_port = be16(data, 2);
        p.payload = data.subspan(8, std::min<std::size_t>(length, data.size()) - 8);
        out.payload_cut = cut && length > data.size();
        return FrameStatus::decoded;
    }
    if (out.ip_protocol == 6) {
        if (data.size() < 20) return cut ? FrameStatus::skipped : FrameStatus::malformed;
        const std::size_t header = static_cast<std::size_t>(data[12] >> 4) * 4;
        if (header < 20 || header > data.size()) return FrameStatus::malformed;
        p.transport = Transport::tcp;
        p.src_port = be16(data, 0);
        p.dst_port = be16(data, 2);
        out.tcp_seq = be32(data, 4);
        out.tcp_flags = data[13];
        p.payload = data.subspan(header);
        return FrameStatus::decoded;
    }
    p.payload = data;
    return FrameStatus::decoded;
}

bool ipv4_multicast(const IpBytes& ip) {
    return (ip.bytes[0] & 0xf0) == 0xe0 || (ip.bytes[0] == 255 && ip.bytes[1] == 255 && ip.bytes[2] == 255 && ip.bytes[3] == 255);
}

FrameStatus ipv4(Bytes b, bool snapped, Frame& out) {
    if (b.size() < 20) return snapped ? FrameStatus::skipped : FrameStatus::malformed;
    const std::size_t header = static_cast<std::size_t>(b[0] & 0x0f) * 4;
    const std::size_t total = be16(b, 2);
    if ((b[0] >> 4) != 4 || header < 20 || total < header || header > b.size()) return FrameStatus::malformed;
    if (total > b.size() && !snapped) return FrameStatus::malformed;
    if ((be16(b, 6) & 0x1fff) != 0) return FrameStatus::skipped;  // a later fragment: no transport header
    const bool more_fragments = (b[6] & 0x20) != 0;
    Packet& p = out.packet;
    p.ether_type = ether_ipv4;
    for (auto* ip : {&p.src_ip, &p.dst_ip}) {
        std::memcpy(ip->bytes.data(), b.data() + (ip == &p.src_ip ? 12 : 16), 4);
        ip->v6 = false;
        ip->empty = false;
    }
    p.multicast = p.multicast || ipv4_multicast(p.dst_ip);
    out.ip_protocol = b[9];
    const Bytes data = b.subspan(header, std::min(total, b.size()) - header);
    return transport(data, more_fragments || total > b.size(), out);
}

// Skips hop-by-hop, routing, destination options, fragment (first only) and AH headers.
FrameStatus ipv6_extensions(Bytes& data, std::uint8_t& next, bool& cut) {
    for (std::size_t count = 0; count <= max_ipv6_extension_headers; ++count) {
        if (next != 0 && next != 43 && next != 60 && next != 44 && next != 51 && next != 135) return FrameStatus::decoded;
        if (data.size() < 8) return cut ? FrameStatus::skipped : FrameStatus::malformed;
        std::size_t length = next == 44 ? 8 : next == 51 ? (data[1] + 2u) * 4 : (data[1] + 1u) * 8;
        if (next == 44) {
            if ((be16(data, 2) & 0xfff8) != 0) return FrameStatus::skipped;
            cut = cut || (data[3] & 1) != 0;
        }
        if (length > data.size()) return FrameStatus::malformed;
        next = data[0];
        data = data.subspan(length);
    }
    return FrameStatus::malformed;
}

FrameStatus ipv6(Bytes b, bool snapped, Frame& out) {
    if (b.size() < 40) return snapped ? FrameStatus::skipped : FrameStatus::malformed;
    if ((b[0] >> 4) != 6) return FrameStatus::malformed;
    const std::size_t length = be16(b, 4);
    if (length + 40 > b.size() && !snapped) return FrameStatus::malformed;
    Packet& p = out.packet;
    p.ether_type = ether_ipv6;
    std::memcpy(p.src_ip.bytes.data(), b.data() + 8, 16);
    std::memcpy(p.dst_ip.bytes.data(), b.data() + 24, 16);
    p.src_ip.v6 = p.dst_ip.v6 = true;
    p.src_ip.empty = p.dst_ip.empty = false;
    p.multicast = p.multicast || p.dst_ip.bytes[0] == 0xff;
    Bytes data = b.subspan(40, std::min(length + 40, b.size()) - 40);
    bool cut = length + 40 > b.size();
    std::uint8_t next = b[6];
    if (const auto status = ipv6_extensions(data, next, cut); status != FrameStatus::decoded) return status;
    out.ip_protocol = next;
    return transport(data, cut, out);
}

// The network layer named by an ether type; ARP passes its body through.
FrameStatus network(std::uint16_t ether_type, Bytes b, bool snapped, Frame& out) {
    if (ether_type == ether_ipv4) return ipv4(b, snapped, out);
    if (ether_type == ether_ipv6) return ipv6(b, snapped, out);
    if (ether_type != ether_arp) return FrameStatus::skipped;
    if (b.size() < 8) return snapped ? FrameStatus::skipped : FrameStatus::malformed;
    const std::size_t length = 8 + 2u * b[4] + 2u * b[5];
    if (length > b.size() && !snapped) return FrameStatus::malformed;
    out.packet.ether_type = ether_arp;
    out.packet.payload = b.first(std::min(length, b.size()));
    return FrameStatus::decoded;
}

// VLAN tags after a MAC header or a cooked header: outermost id kept, all removed.
FrameStatus after_tags(std::uint16_t ether_type, Bytes rest, bool snapped, Frame& out) {
    for (std::size_t tags = 0; is_vlan_tag(ether_type); ++tags) {
        if (tags == max_vlan_tags || rest.size() < 4) return FrameStatus::malformed;
        if (tags == 0) out.packet.vlan = be16(rest, 0) & 0x0fff;
        ether_type = be16(rest, 2);
        rest = rest.subspan(4);
    }
    out.packet.ether_type = ether_type;
    return network(ether_type, rest, snapped, out);
}

FrameStatus ethernet(Bytes b, bool snapped, Frame& out) {
    if (b.size() < 14) return FrameStatus::malformed;
    copy_mac(b, 0, out.packet.dst_mac);
    copy_mac(b, 6, out.packet.src_mac);
    out.packet.multicast = (b[0] & 1) != 0;
    const std::uint16_t type = be16(b, 12);
    if (type < 0x0600) return FrameStatus::skipped;  // 802.3 length field: LLC, not IP
    return after_tags(type, b.subspan(14), snapped, out);
}

// Cooked captures carry the sender's address only, and a packet type (1 broadcast, 2 multicast).
void cooked_sender(Bytes b, std::size_t type_at, std::size_t length_at, std::size_t address_at, Frame& out) {
    const std::uint16_t packet_type = type_at == 0 ? be16(b, 0) : b[type_at];
    out.packet.multicast = packet_type == 1 || packet_type == 2;
    if (b[length_at + (type_at == 0 ? 1 : 0)] == 6) copy_mac(b, address_at, out.packet.src_mac);
}

FrameStatus linux_sll(Bytes b, bool snapped, Frame& out) {
    if (b.size() < 16) return FrameStatus::malformed;
    cooked_sender(b, 0, 4, 6, out);
    return after_tags(be16(b, 14), b.subspan(16), snapped, out);
}

FrameStatus linux_sll2(Bytes b, bool snapped, Frame& out) {
    if (b.size() < 20) return FrameStatus::malformed;
    cooked_sender(b, 10, 11, 12, out);
    return after_tags(be16(b, 0), b.subspan(20), snapped, out);
}

FrameStatus raw_ip(Bytes b, bool snapped, Frame& out) {
    if (b.empty()) return FrameStatus::malformed;
    if ((b[0] >> 4) == 4) return ipv4(b, snapped, out);
    if ((b[0] >> 4) == 6) return ipv6(b, snapped, out);
    return FrameStatus::malformed;
}

// BSD loopback: the address family in the byte order of the writer (null) or network (loop).
FrameStatus loopback(Bytes b, bool snapped, Frame& out) {
    if (b.size() < 4) return FrameStatus::malformed;
    const std::uint32_t family = b[0] != 0 ? b[0] : b[3];
    if (family == 2) return ipv4(b.subspan(4), snapped, out);
    if (family == 24 || family == 28 || family == 30) return ipv6(b.subspan(4), snapped, out);
    return FrameStatus::skipped;
}

}  // namespace

bool link_type_supported(int link) { return !link_type_name(link).starts_with("dlt_"); }

std::string_view link_type_name(int link) {
    switch (link) {
    case link_type::null: return "null";
    case link_type::ethernet: return "ethernet";
    case link_type::raw: case link_type::raw_bsd: case link_type::raw_file: return "raw";
    case link_type::loop: return "loop";
    case link_type::linux_sll: return "linux_sll";
    case link_type::ipv4: return "ipv4";
    case link_type::ipv6: return "ipv6";
    case link_type::linux_sll2: return "linux_sll2";
    default: return "dlt_unknown";
    }
}

FrameStatus decode_frame(int link, std::span<const std::uint8_t> bytes, bool snapped, Frame& out) {
    switch (link) {
    case link_type::ethernet: return ethernet(bytes, snapped, out);
    case link_type::linux_sll: return linux_sll(bytes, snapped, out);
    case link_type::linux_sll2: return linux_sll2(bytes, snapped, out);
    case link_type::raw: case link_type::raw_bsd: case link_type::raw_file: return raw_ip(bytes, snapped, out);
    case link_type::ipv4: return bytes.empty() || (bytes[0] >> 4) != 4 ? FrameStatus::malformed : ipv4(bytes, snapped, out);
    case link_type::ipv6: return bytes.empty() || (bytes[0] >> 4) != 6 ? FrameStatus::malformed : ipv6(bytes, snapped, out);
    case link_type::null: case link_type::loop: return loopback(bytes, snapped, out);
    default: return FrameStatus::skipped;
    }
}

}  // namespace camaudit::parse
