// WS-Discovery: a unicast ONVIF Probe to UDP 3702 of every address; ProbeMatches that relate
// to our MessageID become wsd.* observations (scopes name the maker and model).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {

extern const UdpProbe wsd_probe;

// The Probe envelope (2005/04 namespaces, no Types: every target service answers).
std::string wsd_probe_request(const UdpExchange& exchange);

// Observations of an answer whose RelatesTo is urn:uuid:<message_id>; an answer to another
// MessageID (forged or someone else's) gives an error, a non-WSD datagram an empty result.
ProbeResult wsd_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
