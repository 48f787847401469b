// Every ARP packet speaks for its sender (SHA, SPA), whoever it asks or answers: the MAC and
// its OUI for a device that may never answer a probe. A probe (RFC 5227, SPA 0.0.0.0) gives
// a MAC with no address yet; identification joins it to the host once the address shows.
#include <passive/arp_decoder.hpp>

#include <passive/packet_text.hpp>

#include <algorithm>

namespace camaudit::passive {
namespace {

constexpr std::size_t arp_ipv4_bytes = 28;
constexpr std::string_view keys[] = {"arp.mac", "arp.kind"};

std::uint16_t be16(std::span<const std::uint8_t> b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

bool wants(const Packet& packet) { return packet.ether_type == 0x0806; }

std::string_view kind_of(std::uint16_t operation, std::span<const std::uint8_t> body, bool no_address) {
    const bool same_address = std::equal(body.begin() + 14, body.begin() + 18, body.begin() + 24);
    if (operation == 2) return same_address ? "gratuitous reply" : "reply";
    if (no_address) return "probe";
    return same_address ? "gratuitous" : "request";
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const auto body = packet.payload;
    if (body.size() < arp_ipv4_bytes || be16(body, 0) != 1 || be16(body, 2) != 0x0800 || body[4] != 6 || body[5] != 4)
        return false;
    const std::uint16_t operation = be16(body, 6);
    if (operation != 1 && operation != 2) return false;
    MacBytes sender;
    std::copy_n(body.begin() + 8, 6, sender.bytes.begin());
    sender.empty = false;
    if (std::all_of(sender.bytes.begin(), sender.bytes.end(), [](auto b) { return b == 0; }) || (sender.bytes[0] & 1) != 0)
        return false;  // no usable sender address
    IpBytes address;
    std::copy_n(body.begin() + 14, 4, address.bytes.begin());
    const bool no_address = std::all_of(address.bytes.begin(), address.bytes.begin() + 4, [](auto b) { return b == 0; });
    address.empty = no_address;

    Observation base = sender_observation(packet, "arp", true);
    base.ip = to_text(address);
    base.mac = to_text(sender);
    base.context = "passive capture: ARP";
    Observation mac = base;
    mac.key = "arp.mac";
    mac.value = base.mac;
    out.push_back(std::move(mac));
    base.key = "arp.kind";
    base.value = kind_of(operation, body, no_address);
    out.push_back(std::move(base));
    return true;
}

}  // namespace

const PassiveDecoder arp_decoder{
    "arp",
    "ARP requests, replies, gratuitous ARP and probes: each sender's IPv4 address and MAC (OUI)",
    keys,
    "arp",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
