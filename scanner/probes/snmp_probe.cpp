// The SNMP UDP probe: only ever a GET (never SET), one PDU per address. The community is a
// shared secret: it goes into the datagram and nowhere else (no observation, error or log).
#include <probes/snmp_probe.hpp>

#include <parse/snmp_ber.hpp>

#include <functional>

namespace camaudit::probes {
namespace {

constexpr std::string_view emits[] = {"snmp.sys_descr", "snmp.sys_object_id", "snmp.sys_name"};
constexpr std::string_view asked[] = {parse::oid_sys_descr, parse::oid_sys_object_id, parse::oid_sys_name};
constexpr std::size_t max_value_bytes = 1024;
constexpr std::uint8_t get_response_tag = 0xa2;

std::string snmp_request(const UdpExchange& exchange) {
    const std::string_view community = exchange.data ? std::string_view(exchange.data->snmp_community) : "public";
    return parse::snmp_get_request(community, snmp_request_id(exchange), asked);
}

}  // namespace

std::int32_t snmp_request_id(const UdpExchange& exchange) {
    return static_cast<std::int32_t>(std::hash<std::string>{}(exchange.message_id) & 0x7fffffff);
}

ProbeResult snmp_interpret(std::string_view datagram, const UdpExchange& exchange) {
    ProbeResult result;
    const std::string where = exchange.ip + ":161";
    const auto parsed = parse::parse_snmp_message(datagram);
    if (parsed.outcome == parse::SnmpParse::wrong_protocol) return result;
    if (parsed.outcome == parse::SnmpParse::malformed) {
        result.errors.push_back({where, "snmp", "malformed SNMP answer ignored (BER lengths or types wrong)"});
        return result;
    }
    const auto& message = parsed.message;
    if (message.pdu_tag != get_response_tag) return result;
    if (message.request_id != snmp_request_id(exchange)) {
        result.errors.push_back({where, "snmp", "GetResponse ignored: request-id is not ours"});
        return result;
    }
    if (message.error_status != 0)
        result.errors.push_back({where, "snmp", "GetResponse error-status " + std::to_string(message.error_status)});
    Observation base;
    base.context = "SNMP v2c GET sysDescr.0 sysObjectID.0 sysName.0";
    result.observations = parse::snmp_observations(message, base, max_value_bytes);
    result.service = "snmp";
    return result;
}

const UdpProbe snmp_probe{
    "snmp",
    "SNMP v2c GET to UDP 161 of sysDescr.0, sysObjectID.0, sysName.0 (community from config/env)",
    emits,
    161,
    &snmp_request,
    &snmp_interpret,
};

}  // namespace camaudit::probes
