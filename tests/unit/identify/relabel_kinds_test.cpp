// Proves, brand by brand over fingerprints/vendors.json, which names a device shows are
// relabels (issue 14): every name other than the maker's own of a covered maker (EZVIZ, LTS,
// BCS, HoloSens, Sepura), and OEM brands listed as relabels; an uncovered maker's own product
// lines (Tapo, UBNT, Wisenet) are brands, relabel false. Plus two devices identified end to end.
#include <doctest/doctest.h>

#include "shipped_knowledge.hpp"

#include <identify/knowledge.hpp>
#include <identify/vendor_db.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

namespace {

using camaudit::identify::fold_name;
using camaudit::identify::is_relabel;
using json = nlohmann::json;

// The makers the regulations name (research/regulations.md): written here, not read from
// vendors.json's covered_by, so that a data change there shows up as a failing brand.
const std::set<std::string> covered_makers = {"Hikvision", "Dahua", "Huawei", "ZTE", "Hytera"};

json vendors_json() {
    std::ifstream in(CAMAUDIT_SOURCE_DATA_DIR "/vendors.json");
    return json::parse(in);
}

camaudit::Device one(const std::vector<camaudit::Observation>& observations) {
    const auto devices = camaudit::identify::identify_devices(observations, camaudit::testing::shipped_knowledge());
    REQUIRE(devices.size() == 1);
    return devices.front();
}

}  // namespace

TEST_CASE("relabel kinds: every brand and relabel in vendors.json, one by one") {
    const auto& vendors = camaudit::testing::shipped_knowledge().vendors;
    std::size_t checked = 0;
    const json data = vendors_json();
    for (const auto& v : data.at("vendors")) {
        const std::string name = v.at("name");
        const auto* vendor = vendors.find(name);
        REQUIRE(vendor != nullptr);
        const std::string own = fold_name(v.value("main_brand", name));
        CHECK_MESSAGE(vendor->covered == covered_makers.contains(name), name);
        for (const char* list : {"brands", "relabels"})
            for (const auto& b : v.value(list, json::array())) {
                const std::string brand = b.get<std::string>();
                const bool maker_name = fold_name(brand) == own || fold_name(brand) == fold_name(name);
                const bool expected = !maker_name && (covered_makers.contains(name) || std::string(list) == "relabels");
                INFO(name, " ", list, ": ", brand);
                CHECK(is_relabel(*vendor, brand) == expected);
                ++checked;
            }
        CHECK_FALSE(is_relabel(*vendor, name));
        CHECK_FALSE(is_relabel(*vendor, v.value("main_brand", name)));
    }
    CHECK(checked >= 50);
}

TEST_CASE("relabel kinds: TP-Link's Tapo and Ubiquiti's UBNT are brands, relabel false") {
    const auto tapo = one({camaudit::testing::observed_on_port_80({}, "http.header.server", "TP-LINK HTTPD/1.0", "http"),
                           camaudit::testing::observed_on_port_80({}, "http.body.title", "Tapo", "http")});
    CHECK(tapo.vendor == "TP-Link");
    CHECK(tapo.brand == "Tapo");
    CHECK_FALSE(tapo.relabel);
    const auto ubnt = one({camaudit::testing::observed_on_port_80({}, "http.body.title", "EdgeOS", "http"),
                           camaudit::testing::observed_on_port_80({}, "http.auth.realm", "UBNT", "http")});
    CHECK(ubnt.vendor == "Ubiquiti");
    CHECK(ubnt.brand == "UBNT");
    CHECK_FALSE(ubnt.relabel);
}
