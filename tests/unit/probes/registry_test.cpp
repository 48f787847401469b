// Proves the probe table agrees with the vocabulary: every key a probe may emit, and the
// connect scan's tcp.port.open, is described once in fingerprints/vocabulary.
#include <doctest/doctest.h>
#include <identify/vocabulary.hpp>
#include <probes/registry.hpp>

using camaudit::DeepProbe;
using camaudit::UdpProbe;

#include <set>

namespace {

std::set<std::string> vocabulary_keys() { return camaudit::identify::vocabulary_keys(CAMAUDIT_SOURCE_DATA_DIR); }

}  // namespace

TEST_CASE("every key a probe declares is in the vocabulary") {
    const auto keys = vocabulary_keys();
    CHECK(keys.count("tcp.port.open") == 1);
    CHECK(keys.count("udp.port.open") == 1);
    const auto check = [&](std::string_view name, std::span<const std::string_view> emits) {
        CHECK_FALSE(emits.empty());
        for (const auto key : emits) {
            INFO(name, " emits ", key);
            CHECK(keys.count(std::string(key)) == 1);
        }
    };
    for (const DeepProbe* probe : camaudit::probes::all_probes()) check(probe->name, probe->emits);
    for (const UdpProbe* probe : camaudit::probes::all_udp_probes()) check(probe->name, probe->emits);
}

TEST_CASE("probe names are unique and each has a summary") {
    std::set<std::string_view> names;
    for (const DeepProbe* probe : camaudit::probes::all_probes()) {
        CHECK(names.insert(probe->name).second);
        CHECK_FALSE(probe->summary.empty());
    }
    for (const UdpProbe* probe : camaudit::probes::all_udp_probes()) {
        CHECK(names.insert(probe->name).second);
        CHECK_FALSE(probe->summary.empty());
    }
}

TEST_CASE("the probe data loads and every path is absolute") {
    const auto data = camaudit::probes::load_probe_data(CAMAUDIT_SOURCE_DATA_DIR);
    CHECK_FALSE(data.http_paths.empty());
    for (const auto& entry : data.http_paths) CHECK(entry.path.front() == '/');
}
