// Proves, brand by brand, that a lab scan names every brand and relabel of a covered maker
// in vendors.json as what it is: that brand, the maker as vendor, relabel true, the label that
// gave it away in the evidence, and never "allowed". And that a camera on HiSilicon's SDK
// is review under NDAA §889(a)(1)(A).
#include "lab_scan.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

using camaudit::testing::device_at;
using camaudit::testing::lab_scan;
using camaudit::testing::read_file;
using json = nlohmann::json;

namespace {

std::string folded(const std::string& name) {
    std::string out;
    for (unsigned char c : name)
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    return out;
}

// Brands vendors.json records as making no IP-camera-like product (`brands_without_cameras`,
// each with why): the lab has no device for them. Each must say why and be a brand of its maker.
std::set<std::string> brands_without_cameras() {
    const auto vendors = json::parse(read_file(CAMAUDIT_SOURCE_DIR "/fingerprints/vendors.json"));
    std::set<std::string> out;
    for (const auto& v : vendors.at("vendors"))
        for (const auto& item : v.value("brands_without_cameras", json::array())) {
            const std::string brand = item.at("brand");
            CHECK_MESSAGE(item.value("why", "").size() > 40, brand, ": brands_without_cameras needs a why");
            const auto brands = v.value("brands", json::array());
            CHECK_MESSAGE(std::find(brands.begin(), brands.end(), brand) != brands.end(), brand, " is no brand of ", v.at("name"));
            out.insert(folded(brand));
        }
    return out;
}

struct CoveredBrand {
    std::string brand, vendor;
};

// Every brand and relabel of a covered vendor in vendors.json, once per spelling that folds
// alike (Q-See/QSee), without the maker's own name and the words brand_labels.json says are
// no brand (General, Private, DHI).
std::vector<CoveredBrand> covered_brands() {
    const auto vendors = json::parse(read_file(CAMAUDIT_SOURCE_DIR "/fingerprints/vendors.json"));
    const auto labels = json::parse(read_file(CAMAUDIT_SOURCE_DIR "/fingerprints/brand_labels.json"));
    std::set<std::string> skip;
    for (const auto& item : labels.at("not_labels")) skip.insert(folded(item.at("brand")));
    std::vector<CoveredBrand> out;
    std::set<std::string> seen;
    for (const auto& v : vendors.at("vendors")) {
        if (v.value("covered_by", json::array()).empty()) continue;
        const std::string name = v.at("name");
        skip.insert(folded(name));
        skip.insert(folded(v.value("main_brand", name)));
        for (const char* list : {"brands", "relabels"})
            for (const auto& b : v.value(list, json::array()))
                if (!skip.contains(folded(b)) && seen.insert(folded(b)).second) out.push_back({b, name});
    }
    return out;
}

bool evidence_names_brand(const json& device, const std::string& brand) {
    const auto& evidence = device.at("evidence");
    return std::any_of(evidence.begin(), evidence.end(), [&](const json& e) {
        return folded(e.value("claim", "")) == folded("brand=" + brand);
    });
}

}  // namespace

TEST_CASE("every brand and relabel of a covered maker has a lab device, reported as that brand") {
    const auto& scan = lab_scan();
    std::map<std::string, std::string> address_of;
    for (const auto& placement : scan.placements) address_of[placement.at("id")] = placement.at("address");
    const auto brands = covered_brands();
    const auto without_cameras = brands_without_cameras();
    CHECK(brands.size() >= 30);
    for (const auto& [brand, vendor] : brands) {
        INFO("brand ", brand, " of ", vendor);
        std::vector<std::string> ids;
        for (const auto& [id, profile] : scan.profiles)
            if (folded(profile.at("truth").value("brand", "")) == folded(brand)) ids.push_back(id);
        if (without_cameras.contains(folded(brand)) && ids.empty()) continue;  // no camera to put in the lab
        REQUIRE_MESSAGE(!ids.empty(), "no lab profile in tests/lab/devices/ has truth.brand ", brand);
        for (const auto& id : ids) {
            INFO("profile ", id);
            const json* device = device_at(scan.report, address_of.at(id));
            REQUIRE(device != nullptr);
            CHECK(device->value("vendor", "") == vendor);
            CHECK(folded(device->value("brand", "")) == folded(brand));
            CHECK(device->value("relabel", false) == true);
            CHECK(evidence_names_brand(*device, brand));
            CHECK(device->at("compliance").at("status") != "allowed");
        }
    }
}

TEST_CASE("a HiSilicon-SDK camera naming no other maker is review under NDAA 889(a)(1)(A), not allowed") {
    const auto& scan = lab_scan();
    std::string address;
    for (const auto& placement : scan.placements)
        if (placement.at("id") == "hisilicon-hipcam-generic") address = placement.at("address");
    const json* device = device_at(scan.report, address);
    REQUIRE(device != nullptr);
    CHECK(device->value("vendor", "") == "HiSilicon-based (unbranded)");
    const auto& compliance = device->at("compliance");
    CHECK(compliance.at("status") == "review");
    bool quoted = false;
    for (const auto& finding : compliance.at("findings"))
        if (finding.at("policy") == "us-ndaa-889")
            quoted = finding.at("reason").get<std::string>().find("substantial or essential component") != std::string::npos;
    CHECK(quoted);
}
