// The probe table and the data the probes read.
#include <probes/registry.hpp>

#include <camaudit/error.hpp>
#include <identify/http_paths.hpp>
#include <probes/http_probe.hpp>
#include <probes/rtsp_probe.hpp>
#include <probes/tls_probe.hpp>
#include <probes/dhip_probe.hpp>
#include <probes/sadp_probe.hpp>
#include <probes/wsd_probe.hpp>
#include <probes/ssdp_probe.hpp>
#include <probes/snmp_probe.hpp>
#include <probes/snmp_engine_probe.hpp>
#include <probes/mdns_probe.hpp>
#include <probes/onvif_probe.hpp>
#include <probes/sdk_probe.hpp>

#include <fmt/format.h>
#include <algorithm>
#include <cstdlib>

namespace camaudit::probes {
namespace {

// Deep probes run on every open TCP port they apply to, in this order.
const std::vector<const DeepProbe*> table = {
    &http_probe, &rtsp_probe, &tls_probe,
    &onvif_probe,
    &sdk_probe,
};

// UDP probes send one datagram to every address.
const std::vector<const UdpProbe*> udp_table = {&wsd_probe, &sadp_probe, &dhip_probe, &ssdp_probe, &snmp_probe, &mdns_probe,
                                                   &snmp_engine_probe};

std::string known_names() {
    std::string names;
    for (const auto* probe : table) names += (names.empty() ? "" : ", ") + std::string(probe->name);
    for (const auto* probe : udp_table) names += ", " + std::string(probe->name);
    return names;
}

template <class Probe>
const Probe* find_probe(const std::vector<const Probe*>& probes, std::string_view name) {
    const auto found = std::find_if(probes.begin(), probes.end(), [&](const Probe* p) { return p->name == name; });
    return found == probes.end() ? nullptr : *found;
}

}  // namespace

std::span<const DeepProbe* const> all_probes() { return table; }
std::span<const UdpProbe* const> all_udp_probes() { return udp_table; }

ProbeSelection select_probes(std::string_view list) {
    if (list.empty() || list == "all") return {table, udp_table};
    ProbeSelection chosen;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        const std::string_view name = list.substr(start, comma - start);
        if (const auto* deep = find_probe(table, name)) chosen.deep.push_back(deep);
        else if (const auto* udp = find_probe(udp_table, name)) chosen.udp.push_back(udp);
        else
            throw UsageError(fmt::format("unknown probe '{}' in --probes", name),
                             "known probes: " + known_names() + " (or 'all')");
        start = comma + 1;
    }
    return chosen;
}

ProbeData load_probe_data(const std::string& fingerprints_dir) {
    ProbeData data{identify::load_http_paths(std::filesystem::path(fingerprints_dir) / "http_paths.json")};
    // The SNMP community is a secret: never a flag (it would show in `ps`); the scan config
    // key snmp_community may replace it after this.
    if (const char* community = std::getenv("CAMAUDIT_SNMP_COMMUNITY"); community && *community)
        data.snmp_community = community;
    return data;
}

}  // namespace camaudit::probes
