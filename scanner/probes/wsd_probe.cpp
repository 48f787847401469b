// The WS-Discovery UDP probe: builds the Probe, keeps only the ProbeMatches that answer it.
#include <probes/wsd_probe.hpp>

#include <parse/wsd_answer.hpp>

namespace camaudit::probes {
namespace {

constexpr std::string_view emits[] = {"wsd.scope", "wsd.xaddr", "wsd.types", "wsd.endpoint_reference"};
constexpr std::size_t max_value_bytes = 1024;

// Devices write the id as urn:uuid:<id>, uuid:<id> or bare; all name the same Probe.
bool relates_to_us(std::string_view relates_to, std::string_view message_id) {
    for (std::string_view prefix : {"urn:uuid:", "uuid:"})
        if (relates_to.starts_with(prefix)) relates_to.remove_prefix(prefix.size());
    return !message_id.empty() && relates_to == message_id;
}

}  // namespace

std::string wsd_probe_request(const UdpExchange& exchange) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>)"
           R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" )"
           R"(xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" )"
           R"(xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Header>)"
           R"(<a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>)"
           "<a:MessageID>urn:uuid:" + exchange.message_id + "</a:MessageID>"
           R"(<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>)"
           R"(<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>)"
           R"(</s:Header><s:Body><d:Probe/></s:Body></s:Envelope>)";
}

ProbeResult wsd_interpret(std::string_view datagram, const UdpExchange& exchange) {
    ProbeResult result;
    const auto answer = parse::parse_wsd_answer(datagram);
    if (!answer) return result;
    if (!relates_to_us(answer->relates_to, exchange.message_id)) {
        result.errors.push_back({exchange.ip + ":3702", "wsd", "ProbeMatches ignored: RelatesTo is not our MessageID"});
        return result;
    }
    Observation base;
    base.context = "WS-Discovery Probe";
    result.observations = parse::wsd_observations(*answer, base, max_value_bytes);
    return result;
}

const UdpProbe wsd_probe{
    "wsd",
    "WS-Discovery (ONVIF) unicast Probe to UDP 3702: scopes, types, device service addresses",
    emits,
    3702,
    &wsd_probe_request,
    &wsd_interpret,
    "239.255.255.250",  // multicast_group
};

}  // namespace camaudit::probes
