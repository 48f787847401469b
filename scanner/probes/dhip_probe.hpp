// Dahua DHIP discovery: DHDiscover.search to UDP 37810 of every address; the
// client.notifyDevInfo answer becomes dhip.* observations (model, serial, firmware, MAC).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {

extern const UdpProbe dhip_probe;

// DHIP carries no request id that devices echo, so an answer is matched by its source address
// alone (the engine drops answers from addresses it did not probe).
ProbeResult dhip_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
