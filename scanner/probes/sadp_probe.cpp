// The SADP UDP probe: only ever the read-only `inquiry` (SADP also has write operations, which
// the scanner never sends); the answer must echo our Uuid.
#include <probes/sadp_probe.hpp>

#include <parse/sadp_answer.hpp>
#include <parse/text.hpp>

namespace camaudit::probes {
namespace {

constexpr std::string_view emits[] = {
    "sadp.device_type",      "sadp.device_description", "sadp.device_sn", "sadp.mac",
    "sadp.software_version", "sadp.dsp_version",        "sadp.oem_info",  "sadp.activated",
};
constexpr std::size_t max_value_bytes = 512;

// The vendor tool writes the Uuid in upper case; devices echo it as they got it.
std::string sadp_request(const UdpExchange& exchange) {
    std::string uuid = exchange.message_id;
    for (auto& c : uuid) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return parse::sadp_inquiry(uuid);
}

}  // namespace

ProbeResult sadp_interpret(std::string_view datagram, const UdpExchange& exchange) {
    ProbeResult result;
    const auto answer = parse::parse_sadp_answer(datagram);
    if (!answer) return result;
    if (exchange.message_id.empty() || parse::ascii_lower(answer->uuid) != parse::ascii_lower(exchange.message_id)) {
        result.errors.push_back({exchange.ip + ":37020", "sadp", "ProbeMatch ignored: Uuid is not ours"});
        return result;
    }
    Observation base;
    base.context = "SADP inquiry";
    result.observations = parse::sadp_observations(*answer, base, max_value_bytes);
    return result;
}

const UdpProbe sadp_probe{
    "sadp",
    "Hikvision SADP inquiry to UDP 37020: model, serial, firmware, MAC",
    emits,
    37020,
    &sadp_request,
    &sadp_interpret,
    "239.255.255.250",  // multicast_group
};

}  // namespace camaudit::probes
