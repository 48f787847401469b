// WS-Discovery as a listener hears it: devices multicast Hello when they join and Bye when
// they leave, and answer anyone's Probe with ProbeMatches. All three name the sender; a
// Probe or Resolve from a client does not.
#include <passive/wsd_decoder.hpp>

#include <parse/text.hpp>
#include <parse/wsd_answer.hpp>
#include <passive/decoder_support.hpp>

namespace camaudit::passive {
namespace {

bool wants(const Packet& packet) { return is_udp_port(packet, 3702) && looks_like_xml(packet); }

// "http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello" -> "Hello".
std::string_view action_name(std::string_view action) {
    const auto slash = action.rfind('/');
    return slash == std::string_view::npos ? action : action.substr(slash + 1);
}

// A well-formed SOAP envelope that is not a device's message (a Probe, a Resolve).
bool is_other_envelope(std::string_view text) {
    pugi::xml_document doc;
    return parse::load_bounded_xml(doc, text) && parse::local_name(doc.document_element()) == "Envelope";
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const std::string_view text = payload_text(packet);
    const auto message = parse::parse_wsd_message(text);
    if (!message) return is_other_envelope(text);
    Observation base = sender_observation(packet, "wsd", sender_on_link(packet));
    const std::string_view action = action_name(message->action);
    base.context = "passive capture: WS-Discovery " +
                   parse::to_valid_utf8(action.empty() ? std::string_view("ProbeMatches") : action, 64);
    append_observations(parse::wsd_observations(*message, base, decoder_max_value_bytes), packet, out);
    return true;
}

}  // namespace

const PassiveDecoder wsd_decoder{
    "wsd",
    "WS-Discovery (ONVIF) on UDP 3702: Hello, Bye and ProbeMatches scopes, types, addresses",
    parse::wsd_observation_keys,
    "udp port 3702",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
