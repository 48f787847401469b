// SNMP v2c: one GetRequest for sysDescr.0, sysObjectID.0 and sysName.0 to UDP 161 of every
// address, with the community from ProbeData (default "public"; set by the scan config key
// snmp_community or CAMAUDIT_SNMP_COMMUNITY, never a flag, never printed).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {

extern const UdpProbe snmp_probe;

// The request id the probe puts in the GetRequest for this exchange (derived from its
// message id, so request and interpret agree without state).
std::int32_t snmp_request_id(const UdpExchange& exchange);

// Observations of a GetResponse whose request-id is ours; another id gives an error and
// nothing else, a malformed message an error, a non-SNMP datagram an empty result.
ProbeResult snmp_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
