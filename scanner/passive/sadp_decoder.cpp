// A SADP ProbeMatch is the same document whether it answers our inquiry, another tool's, or
// is announced unasked; all of them name the sender. A client's <Probe> is well-formed SADP
// that says nothing about a device.
#include <passive/sadp_decoder.hpp>

#include <parse/sadp_answer.hpp>
#include <parse/text.hpp>
#include <passive/decoder_support.hpp>

namespace camaudit::passive {
namespace {

bool wants(const Packet& packet) { return is_udp_port(packet, 37020) && looks_like_xml(packet); }

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const std::string_view text = payload_text(packet);
    const auto answer = parse::parse_sadp_answer(text);
    if (!answer) return parse::find_ignore_case(text, "<Probe>") != std::string_view::npos;
    Observation base = sender_observation(packet, "sadp", sender_on_link(packet));
    base.context = "passive capture: SADP ProbeMatch";
    append_observations(parse::sadp_observations(*answer, base, decoder_max_value_bytes), packet, out);
    return true;
}

}  // namespace

const PassiveDecoder sadp_decoder{
    "sadp",
    "Hikvision SADP ProbeMatch on UDP 37020 (answers and announcements): model, serial, firmware, MAC",
    parse::sadp_observation_keys,
    "udp port 37020",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
