// DHCPv4 (RFC 2131/2132) and DHCPv6 (RFC 8415) client fingerprint fields (dhcp_message.hpp).
#include <parse/dhcp_message.hpp>

#include <parse/text.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <string_view>

namespace camaudit::parse {
namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::size_t dhcpv4_fixed = 236;  // up to the magic cookie
constexpr std::uint8_t magic_cookie[] = {0x63, 0x82, 0x53, 0x63};

std::string text_of(Bytes value) {
    std::string_view raw(reinterpret_cast<const char*>(value.data()), value.size());
    while (!raw.empty() && raw.back() == '\0') raw.remove_suffix(1);  // some clients count the NUL
    return to_valid_utf8(raw, max_dhcp_text_bytes);
}

std::string hex_of(Bytes value) {
    std::string out;
    for (std::size_t i = 0; i < value.size() && i < max_dhcp_client_id_bytes; ++i) out += fmt::format("{:02x}", value[i]);
    return out;
}

template <typename Code>
std::string code_list(Bytes value, std::size_t width) {
    std::string out;
    for (std::size_t i = 0; i + width <= value.size() && i < 2 * max_dhcp_options; i += width) {
        const unsigned code = width == 1 ? value[i] : static_cast<unsigned>(value[i] << 8 | value[i + 1]);
        out += fmt::format("{}{}", out.empty() ? "" : ",", static_cast<Code>(code));
    }
    return out;
}

void v4_option(std::uint8_t code, Bytes value, DhcpMessage& out) {
    switch (code) {
    case 12: out.hostname = text_of(value); break;
    case 53: if (!value.empty()) out.message_type = value[0]; break;
    case 55: out.parameter_list = code_list<unsigned>(value, 1); break;
    case 60: out.vendor_class = text_of(value); break;
    case 61: out.client_id = hex_of(value); break;
    default: break;
    }
}

// A DNS name in wire form (labels) as dotted text; stops at the end or a bad label.
std::string dns_name(Bytes value) {
    std::string name;
    for (std::size_t at = 0; at < value.size() && value[at] != 0;) {
        const std::size_t length = value[at];
        if (length > 63 || at + 1 + length > value.size()) break;
        if (!name.empty()) name += '.';
        name.append(reinterpret_cast<const char*>(value.data() + at + 1), length);
        at += 1 + length;
    }
    return to_valid_utf8(name, max_dhcp_text_bytes);
}

void v6_option(std::uint16_t code, Bytes value, DhcpMessage& out) {
    switch (code) {
    case 1: out.client_id = hex_of(value); break;
    case 6: out.parameter_list = code_list<unsigned>(value, 2); break;
    case 16:
        // enterprise number, then (length, data) pairs: the first is kept
        if (value.size() >= 6) {
            const std::uint32_t enterprise = static_cast<std::uint32_t>(value[0]) << 24 | value[1] << 16 | value[2] << 8 | value[3];
            const std::size_t length = static_cast<std::size_t>(value[4] << 8 | value[5]);
            out.vendor_class = fmt::format("{}:{}", enterprise, text_of(value.subspan(6, std::min(length, value.size() - 6))));
        }
        break;
    case 39: if (value.size() >= 1) out.hostname = dns_name(value.subspan(1)); break;
    default: break;
    }
}

}  // namespace

std::optional<DhcpMessage> parse_dhcpv4(Bytes datagram) {
    if (datagram.size() < dhcpv4_fixed + 4 || (datagram[0] != 1 && datagram[0] != 2)) return std::nullopt;
    if (!std::equal(std::begin(magic_cookie), std::end(magic_cookie), datagram.begin() + dhcpv4_fixed)) return std::nullopt;
    DhcpMessage out;
    out.from_client = datagram[0] == 1;
    if (datagram[1] == 1 && datagram[2] == 6) {
        const auto* m = datagram.data() + 28;
        out.client_mac = fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", m[0], m[1], m[2], m[3], m[4], m[5]);
    }
    std::size_t at = dhcpv4_fixed + 4;
    for (std::size_t count = 0; at < datagram.size() && count < max_dhcp_options; ++count) {
        const std::uint8_t code = datagram[at];
        if (code == 255) break;
        if (code == 0) { ++at; continue; }
        if (at + 2 > datagram.size() || at + 2 + datagram[at + 1] > datagram.size()) break;
        v4_option(code, datagram.subspan(at + 2, datagram[at + 1]), out);
        at += 2 + datagram[at + 1];
    }
    return out;
}

std::optional<DhcpMessage> parse_dhcpv6(Bytes datagram) {
    // client/server messages only: relay-forward (12) and relay-reply (13) wrap others
    if (datagram.size() < 4 || datagram[0] == 0 || datagram[0] > 11) return std::nullopt;
    DhcpMessage out;
    out.v6 = true;
    out.message_type = datagram[0];
    const std::uint8_t type = datagram[0];
    out.from_client = type == 1 || type == 3 || type == 4 || type == 5 || type == 6 || type == 8 || type == 9 || type == 11;
    std::size_t at = 4;
    for (std::size_t count = 0; at + 4 <= datagram.size() && count < max_dhcp_options; ++count) {
        const auto code = static_cast<std::uint16_t>(datagram[at] << 8 | datagram[at + 1]);
        const std::size_t length = static_cast<std::size_t>(datagram[at + 2] << 8 | datagram[at + 3]);
        if (at + 4 + length > datagram.size()) return std::nullopt;
        v6_option(code, datagram.subspan(at + 4, length), out);
        at += 4 + length;
    }
    return out;
}

}  // namespace camaudit::parse
