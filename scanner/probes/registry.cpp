// The probe table and the data the probes read.
#include <probes/registry.hpp>

#include <camaudit/error.hpp>
#include <probes/http_probe.hpp>

#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

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
    const std::string file = fingerprints_dir + "/http_paths.json";
    std::ifstream in(file);
    if (!in) throw DataError(file + ": cannot be read");
    ProbeData data;
    try {
        const auto json = nlohmann::json::parse(in);
        for (const auto& entry : json.at("paths"))
            data.http_paths.push_back({entry.at("path").get<std::string>(),
                                       entry.value("when", std::string()),
                                       entry.value("why", std::string())});
    } catch (const nlohmann::json::exception& error) {
        throw DataError(file + ": " + error.what());
    }
    for (const auto& entry : data.http_paths) {
        RE2 when(entry.when, RE2::Quiet);
        if (!entry.when.empty() && !when.ok())
            throw DataError(fmt::format("{}: path {}: bad 'when' pattern: {}", file, entry.path, when.error()));
    }
    return data;
}

}  // namespace camaudit::probes
