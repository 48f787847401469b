// Proves that a brand label (ONVIF manufacturer, web title, DHIP vendor, MAC registry owner)
// names the brand a device is sold under when firmware markers name its maker, and never
// names a vendor on its own.
#include <doctest/doctest.h>

#include "shipped_knowledge.hpp"

#include <algorithm>

namespace {

using camaudit::Device;
using camaudit::Observation;

const auto& knowledge() { return camaudit::testing::shipped_knowledge(); }

Observation seen(const std::string& key, const std::string& value, const std::string& probe,
                 const std::string& mac = "") {
    return camaudit::testing::observed_on_port_80(mac, key, value, probe);
}

// Hikvision firmware markers every relabel of it keeps (research/banned-vendor-facts.md §1).
const Observation hik_firmware = seen("http.header.server", "App-webs/", "http");

Device one(const std::vector<Observation>& observations) {
    const auto devices = camaudit::identify::identify_devices(observations, knowledge());
    REQUIRE(devices.size() == 1);
    return devices.front();
}

bool has_brand_evidence(const Device& d, const std::string& brand) {
    return std::any_of(d.evidence.begin(), d.evidence.end(),
                       [&](const camaudit::Evidence& e) { return e.claim == "brand=" + brand; });
}

}  // namespace

TEST_CASE("an ONVIF manufacturer naming a relabel gives that brand, the maker as vendor, relabel true") {
    const auto d = one({hik_firmware, seen("onvif.device_information.manufacturer", "LTS", "onvif")});
    CHECK(d.vendor == "Hikvision");
    CHECK(d.brand == "LTS");
    CHECK(d.relabel);
    CHECK(has_brand_evidence(d, "LTS"));
}

TEST_CASE("the MAC registry owner Hangzhou Ezviz names the EZVIZ brand") {
    const auto d = one({seen("sadp.device_description", "CS-C6N-A0-1C2WFR", "sadp", "64:f2:fb:2d:11:90"), hik_firmware});
    CHECK(d.vendor == "Hikvision");
    CHECK(d.brand == "EZVIZ");
    CHECK(d.relabel);
    const auto it = std::find_if(d.evidence.begin(), d.evidence.end(),
                                 [](const camaudit::Evidence& e) { return e.claim == "brand=EZVIZ"; });
    REQUIRE(it != d.evidence.end());
    CHECK(it->context.find("Hangzhou Ezviz") != std::string::npos);
}

TEST_CASE("a brand label never names a vendor without firmware markers of that vendor") {
    const auto d = one({seen("onvif.device_information.manufacturer", "HiLook", "onvif")});
    CHECK(d.vendor.empty());
    CHECK_FALSE(d.relabel);
    // A label of another vendor's brand on a Hikvision is not that brand.
    const auto other = one({hik_firmware, seen("http.body.title", "Amcrest", "http")});
    CHECK(other.vendor == "Hikvision");
    CHECK(other.brand == "Hikvision");
    CHECK_FALSE(other.relabel);
}

TEST_CASE("labels match whole words, the longest name wins, white-label words are no brand") {
    CHECK(one({hik_firmware, seen("http.body.title", "Prama Hikvision NVR", "http")}).brand == "Prama Hikvision");
    CHECK(one({hik_firmware, seen("http.body.title", "Hillside camera", "http")}).brand == "Hikvision");
    const auto dahua = seen("rtsp.header.server", "Rtsp Server/3.0", "rtsp");
    CHECK(one({dahua, seen("dhip.vendor", "General", "dhip")}).brand == "Dahua");
    CHECK(one({dahua, seen("onvif.scopes", "onvif://www.onvif.org/name/CP%20PLUS", "onvif")}).brand == "CP PLUS");
}
