// The SNMPv3 engine-discovery UDP probe (research/protocols.md §9.2). The msgID ties the
// Report to our request; the request-id is the msgID + 1, as in the research example.
#include <probes/snmp_engine_probe.hpp>

#include <parse/snmp_ber.hpp>

#include <functional>

namespace camaudit::probes {
namespace {

constexpr std::string_view emits[] = {"snmp.engine_id", "snmp.engine_enterprise"};

std::string snmp_engine_request(const UdpExchange& exchange) {
    const auto msg_id = snmp_engine_msg_id(exchange);
    return parse::snmp_v3_discovery_request(msg_id, msg_id + 1);
}

}  // namespace

std::int32_t snmp_engine_msg_id(const UdpExchange& exchange) {
    // Below 2^31 - 1 so that the request-id (msgID + 1) stays a positive Integer32.
    return static_cast<std::int32_t>(std::hash<std::string>{}(exchange.message_id) % 0x7ffffffe);
}

ProbeResult snmp_engine_interpret(std::string_view datagram, const UdpExchange& exchange) {
    ProbeResult result;
    const std::string where = exchange.ip + ":161";
    const auto parsed = parse::parse_snmp_v3_message(datagram);
    if (parsed.outcome == parse::SnmpParse::wrong_protocol) return result;
    if (parsed.outcome == parse::SnmpParse::malformed) {
        result.errors.push_back({where, "snmp_engine", "malformed SNMPv3 answer ignored"});
        return result;
    }
    if (parsed.message.msg_id != snmp_engine_msg_id(exchange)) {
        result.errors.push_back({where, "snmp_engine", "SNMPv3 answer ignored: msgID is not ours"});
        return result;
    }
    Observation base;
    base.context = "SNMPv3 engine discovery (no user): Report's msgAuthoritativeEngineID";
    result.observations = parse::snmp_engine_observations(parsed.message.engine_id, base);
    if (!result.observations.empty()) result.service = "snmp";
    return result;
}

const UdpProbe snmp_engine_probe{
    "snmp_engine",
    "SNMPv3 engine discovery to UDP 161 (no credentials): the agent's engine ID and its IANA enterprise number",
    emits,
    161,
    &snmp_engine_request,
    &snmp_engine_interpret,
};

}  // namespace camaudit::probes
