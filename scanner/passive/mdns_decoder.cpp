// mDNS responders multicast their records when they start and when asked by anyone; a
// response's PTR, SRV and TXT records give the mdns probe's observations about the sender.
// A query says nothing about a device.
#include <passive/mdns_decoder.hpp>

#include <parse/dns_message.hpp>
#include <passive/decoder_support.hpp>

namespace camaudit::passive {
namespace {

constexpr std::size_t dns_header_bytes = 12;

bool wants(const Packet& packet) { return is_udp_port(packet, 5353) && packet.payload.size() >= dns_header_bytes; }

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const auto parsed = parse::parse_dns_message(payload_text(packet));
    if (parsed.outcome != parse::DnsParse::ok) return false;
    if (!parsed.message.is_response()) return true;
    Observation base = sender_observation(packet, "mdns", sender_on_link(packet));
    base.context = "passive capture: mDNS response";
    append_observations(parse::mdns_observations(parsed.message, base, decoder_max_value_bytes), packet, out);
    return true;
}

}  // namespace

const PassiveDecoder mdns_decoder{
    "mdns",
    "mDNS / DNS-SD responses on UDP 5353: service types, instance names, hosts, TXT records",
    parse::mdns_observation_keys,
    "udp port 5353",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
