// Every active deep probe, in one visible table (style.md: a registry is a plain array).
#pragma once
#include <camaudit/probe.hpp>
#include <span>
#include <string_view>
#include <vector>

namespace camaudit::probes {

std::span<const DeepProbe* const> all_probes();

// The probes named by a --probes list ("http,rtsp" or "all"); throws UsageError naming an
// unknown one and listing the known ones.
std::vector<const DeepProbe*> select_probes(std::string_view list);

// Loads fingerprints/http_paths.json (the vendor paths the HTTP probe asks for).
ProbeData load_probe_data(const std::string& fingerprints_dir);

}  // namespace camaudit::probes
