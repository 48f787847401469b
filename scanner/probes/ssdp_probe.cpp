// The SSDP UDP probe. SSDP has no request id to echo, so only the engine's check that the
// answer comes from the probed address ties a response to our search.
#include <probes/ssdp_probe.hpp>

#include <parse/ssdp_message.hpp>

namespace camaudit::probes {
namespace {

// The search response's headers, then the device description fetched from LOCATION.
constexpr std::string_view emits[] = {
    "ssdp.header.server", "ssdp.header.location", "ssdp.header.usn", "ssdp.header.st", "ssdp.uuid",
    "upnp.description.manufacturer",      "upnp.description.manufacturer_url",
    "upnp.description.model_name",        "upnp.description.model_number",
    "upnp.description.model_description", "upnp.description.serial_number",
    "upnp.description.friendly_name",     "upnp.description.udn",
    "upnp.description.device_type",
};
constexpr std::size_t max_value_bytes = 1024;
constexpr unsigned search_mx = 1;

std::string ssdp_request(const UdpExchange& exchange) {
    const bool v6 = exchange.ip.find(':') != std::string::npos;
    const std::string host = v6 ? "[" + exchange.ip + "]:1900" : exchange.ip + ":1900";
    return parse::ssdp_msearch(host, "ssdp:all", search_mx);
}

}  // namespace

ProbeResult ssdp_interpret(std::string_view datagram, const UdpExchange& exchange) {
    ProbeResult result;
    const auto parsed = parse::parse_ssdp_message(datagram);
    if (parsed.outcome == parse::SsdpParse::wrong_protocol) return result;
    if (parsed.outcome == parse::SsdpParse::malformed) {
        result.errors.push_back({exchange.ip + ":1900", "ssdp", "malformed SSDP answer ignored"});
        return result;
    }
    if (parsed.message.kind != parse::SsdpKind::search_response || parsed.message.status != 200) return result;
    Observation base;
    base.context = "M-SEARCH ssdp:all";
    result.observations = parse::ssdp_observations(parsed.message, base, max_value_bytes);
    result.service = "ssdp";
    return result;
}

const UdpProbe ssdp_probe{
    "ssdp",
    "UPnP SSDP M-SEARCH to UDP 1900: SERVER, USN, LOCATION; the in-scope device description",
    emits,
    1900,
    &ssdp_request,
    &ssdp_interpret,
    "239.255.255.250",  // multicast_group
};

}  // namespace camaudit::probes
