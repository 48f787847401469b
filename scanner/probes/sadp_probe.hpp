// Hikvision SADP: an inquiry to UDP 37020 of every address; a ProbeMatch echoing our Uuid
// becomes sadp.* observations (model, serial, firmware, MAC).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {

extern const UdpProbe sadp_probe;

// Observations of a ProbeMatch whose Uuid equals the exchange's (case ignored); another Uuid
// gives an error and nothing else, a non-SADP datagram an empty result.
ProbeResult sadp_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
