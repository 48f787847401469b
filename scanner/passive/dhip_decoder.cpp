// Dahua devices answer DHDiscover.search to the searcher or to 239.255.255.251:37810; either
// way the notifyDevInfo answer names its sender. A search request is DHIP that says nothing
// about a device.
#include <passive/dhip_decoder.hpp>

#include <parse/dhip_answer.hpp>
#include <passive/decoder_support.hpp>

namespace camaudit::passive {
namespace {

bool wants(const Packet& packet) {
    return is_udp_port(packet, 37810) && packet.payload.size() >= parse::dhip_header_bytes &&
           payload_text(packet).substr(4, 4) == "DHIP";
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const std::string_view text = payload_text(packet);
    const auto answer = parse::parse_dhip_answer(text);
    if (!answer) return text.find("DHDiscover.search") != std::string_view::npos;
    Observation base = sender_observation(packet, "dhip", sender_on_link(packet));
    base.context = "passive capture: DHIP client.notifyDevInfo";
    append_observations(parse::dhip_observations(*answer, base, decoder_max_value_bytes), packet, out);
    return true;
}

}  // namespace

const PassiveDecoder dhip_decoder{
    "dhip",
    "Dahua DHIP discovery answers on UDP 37810: model, serial, vendor, firmware, MAC",
    parse::dhip_observation_keys,
    "udp port 37810",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
