// The probe table and the data the probes read.
#include <probes/registry.hpp>

#include <camaudit/error.hpp>
#include <identify/http_paths.hpp>
#include <probes/http_probe.hpp>

#include <fmt/format.h>
#include <algorithm>

namespace camaudit::probes {
namespace {

constexpr const DeepProbe* table[] = {
    &http_probe,
};

std::string known_names() {
    std::string names;
    for (const auto* probe : table) names += (names.empty() ? "" : ", ") + std::string(probe->name);
    return names;
}

}  // namespace

std::span<const DeepProbe* const> all_probes() { return table; }

std::vector<const DeepProbe*> select_probes(std::string_view list) {
    if (list.empty() || list == "all") return {std::begin(table), std::end(table)};
    std::vector<const DeepProbe*> chosen;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        const std::string_view name = list.substr(start, comma - start);
        const auto found = std::find_if(std::begin(table), std::end(table),
                                        [&](const DeepProbe* p) { return p->name == name; });
        if (found == std::end(table))
            throw UsageError(fmt::format("unknown probe '{}' in --probes", name),
                             "known probes: " + known_names() + " (or 'all')");
        chosen.push_back(*found);
        start = comma + 1;
    }
    return chosen;
}

ProbeData load_probe_data(const std::string& fingerprints_dir) {
    return ProbeData{identify::load_http_paths(std::filesystem::path(fingerprints_dir) / "http_paths.json")};
}

}  // namespace camaudit::probes
