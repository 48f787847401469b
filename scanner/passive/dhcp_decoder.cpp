// A DHCP client announces itself before it has an address: DISCOVER and REQUEST come from
// 0.0.0.0, so the observation names the client by its MAC (chaddr) and by ciaddr when it has
// one; identification joins the MAC to the host once ARP or a later packet shows the address.
// Server replies are skipped: they describe the server's offer, not a device.
#include <passive/dhcp_decoder.hpp>

#include <parse/dhcp_message.hpp>
#include <passive/packet_text.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace camaudit::passive {
namespace {

constexpr std::string_view keys[] = {"dhcp.hostname", "dhcp.vendor_class", "dhcp.parameter_list", "dhcp.client_id"};

bool is_v4(const Packet& p) { return (p.src_port == 68 && p.dst_port == 67) || (p.src_port == 67 && p.dst_port == 68); }
bool is_v6(const Packet& p) { return (p.src_port == 546 && p.dst_port == 547) || (p.src_port == 547 && p.dst_port == 546); }

bool wants(const Packet& packet) { return packet.transport == Transport::udp && (is_v4(packet) || is_v6(packet)); }

// The client's address: ciaddr when it holds one (renewals), else the sender unless 0.0.0.0.
std::string client_ip(const Packet& packet, std::span<const std::uint8_t> datagram, bool v6) {
    if (!v6 && datagram.size() >= 16 && (datagram[12] | datagram[13] | datagram[14] | datagram[15]) != 0)
        return fmt::format("{}.{}.{}.{}", datagram[12], datagram[13], datagram[14], datagram[15]);
    const bool unspecified = std::all_of(packet.src_ip.bytes.begin(), packet.src_ip.bytes.begin() + (v6 ? 16 : 4),
                                         [](auto b) { return b == 0; });
    return unspecified ? std::string() : to_text(packet.src_ip);
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const bool v6 = is_v6(packet);
    const auto message = v6 ? parse::parse_dhcpv6(packet.payload) : parse::parse_dhcpv4(packet.payload);
    if (!message) return false;
    if (!message->from_client) return true;
    Observation base = sender_observation(packet, "dhcp", true);
    base.ip = client_ip(packet, packet.payload, v6);
    if (!message->client_mac.empty()) base.mac = message->client_mac;
    base.context = fmt::format("passive capture: DHCP{} client message type {}", v6 ? "v6" : "", message->message_type);
    const std::pair<std::string_view, const std::string*> fields[] = {
        {"dhcp.hostname", &message->hostname},
        {"dhcp.vendor_class", &message->vendor_class},
        {"dhcp.parameter_list", &message->parameter_list},
        {"dhcp.client_id", &message->client_id},
    };
    for (const auto& [key, value] : fields) {
        if (value->empty()) continue;
        Observation o = base;
        o.key = key;
        o.value = *value;
        out.push_back(std::move(o));
    }
    return true;
}

}  // namespace

const PassiveDecoder dhcp_decoder{
    "dhcp",
    "DHCPv4/DHCPv6 client messages: host name (12/39), vendor class (60/16), parameter list (55), client id, MAC",
    keys,
    "udp and (port 67 or port 68 or port 546 or port 547)",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
