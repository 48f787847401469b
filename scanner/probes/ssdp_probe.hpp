// SSDP: a unicast M-SEARCH (ST ssdp:all, MX 1) to UDP 1900 of every address; each search
// response becomes ssdp.* observations. The LOCATION description is fetched after the sweep
// by scanner/app/location_fetch.cpp (in scope only) and adds upnp.description.*.
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {

extern const UdpProbe ssdp_probe;

// Observations of an "HTTP/1.1 200" search response; a NOTIFY, an M-SEARCH or anything that
// is not SSDP gives an empty result, a malformed head an error.
ProbeResult ssdp_interpret(std::string_view datagram, const UdpExchange& exchange);

}  // namespace camaudit::probes
