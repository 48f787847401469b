// mDNS / DNS-SD: one legacy-unicast query (from an ephemeral port, so the answer comes back
// to us with our id) to UDP 5353 of every address, asking for the service list and the
// camera service types research names; the answer becomes mdns.* observations.
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {

extern const UdpProbe mdns_probe;

// The DNS id of this exchange's query (derived from its message id).
std::uint16_t mdns_query_id(const UdpExchange& exchange);

// Observations of a response echoing our id; another id gives an error and nothing else, a
// malformed message an error, a query or non-DNS bytes an empty result.
ProbeResult mdns_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
