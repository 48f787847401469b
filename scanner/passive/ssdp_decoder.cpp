// Devices announce themselves with NOTIFY (alive and byebye) and answer anyone's M-SEARCH;
// both give the ssdp probe's header observations about the sender. LOCATION is reported,
// never fetched: a passive run sends nothing. A client's M-SEARCH says nothing about a device.
#include <passive/ssdp_decoder.hpp>

#include <parse/ssdp_message.hpp>
#include <passive/decoder_support.hpp>

namespace camaudit::passive {
namespace {

bool wants(const Packet& packet) {
    return is_udp_port(packet, 1900) && (payload_starts_with(packet, "NOTIFY ") || payload_starts_with(packet, "HTTP/1.") ||
                                         payload_starts_with(packet, "M-SEARCH "));
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const auto parsed = parse::parse_ssdp_message(payload_text(packet));
    if (parsed.outcome != parse::SsdpParse::ok) return false;
    if (parsed.message.kind == parse::SsdpKind::search) return true;
    Observation base = sender_observation(packet, "ssdp", sender_on_link(packet));
    base.context = parsed.message.kind == parse::SsdpKind::notify ? "passive capture: SSDP NOTIFY"
                                                                   : "passive capture: SSDP M-SEARCH answer";
    append_observations(parse::ssdp_observations(parsed.message, base, decoder_max_value_bytes), packet, out);
    return true;
}

}  // namespace

const PassiveDecoder ssdp_decoder{
    "ssdp",
    "SSDP on UDP 1900 (NOTIFY and M-SEARCH answers): SERVER, LOCATION, USN, NT/ST; LOCATION is not fetched",
    parse::ssdp_observation_keys,
    "udp port 1900",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
