// Every active deep probe, in one visible table (style.md: a registry is a plain array).
#pragma once
#include <camaudit/probe.hpp>
#include <span>
#include <string_view>
#include <vector>

namespace camaudit::probes {

std::span<const DeepProbe* const> all_probes();
std::span<const UdpProbe* const> all_udp_probes();

struct ProbeSelection {
    std::vector<const DeepProbe*> deep;  // per open TCP port
    std::vector<const UdpProbe*> udp;    // per address
};

// The probes named by a --probes list ("http,wsd" or "all"); throws UsageError naming an
// unknown one and listing the known ones.
ProbeSelection select_probes(std::string_view list);

// Loads fingerprints/http_paths.json (the vendor paths the HTTP probe asks for).
ProbeData load_probe_data(const std::string& fingerprints_dir);

}  // namespace camaudit::probes
