// The DHIP UDP probe: one search datagram, the device's own notifyDevInfo answer read back.
#include <probes/dhip_probe.hpp>

#include <parse/dhip_answer.hpp>

namespace camaudit::probes {
namespace {

constexpr std::string_view emits[] = {
    "dhip.device_type", "dhip.device_class", "dhip.serial",       "dhip.vendor",
    "dhip.manufacturer", "dhip.version",     "dhip.machine_name", "dhip.mac",
};
constexpr std::size_t max_value_bytes = 512;

std::string dhip_request(const UdpExchange&) { return parse::dhip_search_request(); }

}  // namespace

ProbeResult dhip_interpret(std::string_view datagram, const UdpExchange&) {
    ProbeResult result;
    const auto answer = parse::parse_dhip_answer(datagram);
    if (!answer) return result;
    Observation base;
    base.context = "DHIP DHDiscover.search";
    result.observations = parse::dhip_observations(*answer, base, max_value_bytes);
    return result;
}

const UdpProbe dhip_probe{
    "dhip",
    "Dahua DHIP discovery (DHDiscover.search) to UDP 37810: model, serial, firmware, MAC",
    emits,
    37810,
    &dhip_request,
    &dhip_interpret,
    "239.255.255.251",  // multicast_group: .251, not SSDP's .250 (docs/protocols research, DahuaConsole)
};

}  // namespace camaudit::probes
