// SNMPv3 engine discovery: one unauthenticated v3 GetRequest (no user, reportable) to UDP 161
// of every address. An agent answers with a Report carrying its msgAuthoritativeEngineID,
// whose first octets name the maker's IANA enterprise number (RFC 3411) — a vendor clue even
// where the v2c community is refused. No credential is sent; nothing is read but the engine.
#pragma once
#include <camaudit/probe.hpp>

#include <cstdint>

namespace camaudit::probes {

extern const UdpProbe snmp_engine_probe;

// The msgID and request-id of this exchange's request (derived from its message id).
std::int32_t snmp_engine_msg_id(const UdpExchange& exchange);

// snmp.engine_* observations of a v3 answer echoing our msgID; another msgID gives an error
// and nothing else, a malformed v3 message an error, v1/v2c or non-SNMP bytes nothing.
ProbeResult snmp_engine_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
