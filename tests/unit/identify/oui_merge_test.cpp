// Proves how a MAC's OUI joins identification: a camera-only maker's OUI is moderate evidence
// (review alone, high confidence with a firmware marker), a many-kinds maker's OUI (Huawei,
// ZTE, TP-Link) is weak, relabel sellers and locally administered MACs claim nothing, and
// the OUI counts as one source however many probes saw the MAC.
#include <doctest/doctest.h>

#include "shipped_knowledge.hpp"

#include <algorithm>

namespace {

using camaudit::Device;
using camaudit::Observation;

const auto& knowledge() { return camaudit::testing::shipped_knowledge(); }

Observation seen(const std::string& mac, const std::string& key = "tcp.port.open",
                 const std::string& value = "http", const std::string& probe = "tcp_connect") {
    return camaudit::testing::observed_on_port_80(mac, key, value, probe);
}

Device one(const std::vector<Observation>& observations) {
    const auto devices = camaudit::identify::identify_devices(observations, knowledge());
    REQUIRE(devices.size() == 1);
    return devices.front();
}

const camaudit::Evidence* oui_evidence(const Device& device) {
    const auto it = std::find_if(device.evidence.begin(), device.evidence.end(),
                                 [](const camaudit::Evidence& e) { return e.rule.starts_with("oui:"); });
    return it == device.evidence.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a Hikvision OUI alone names Hikvision with moderate confidence (below policy's 0.6)") {
    const auto device = one({seen("44:47:cc:01:02:03")});
    CHECK(device.vendor == "Hikvision");
    CHECK(device.device_type == "camera");
    CHECK(device.confidence == doctest::Approx(0.5));
    const auto* evidence = oui_evidence(device);
    REQUIRE(evidence != nullptr);
    CHECK(evidence->rule == "oui:44:47:CC");
    CHECK(evidence->field == "mac");
    CHECK(evidence->source == "tcp_connect");
    CHECK(evidence->value == "44:47:cc:01:02:03");
    CHECK(evidence->claim == "vendor=Hikvision");
    CHECK(evidence->context == "IEEE MA-L: Hangzhou Hikvision Digital Technology Co.,Ltd.");
}

TEST_CASE("an OUI agreeing with a firmware marker raises confidence above either alone") {
    const auto device = one({seen("44:47:cc:01:02:03"), seen("44:47:cc:01:02:03", "http.header.server", "App-webs/", "http")});
    CHECK(device.vendor == "Hikvision");
    CHECK(device.confidence > 0.85);
}

TEST_CASE("OUIs of makers of many device kinds are weak: Huawei, ZTE, TP-Link stay at or below 0.3") {
    for (const char* mac : {"00:18:82:00:00:01", "00:15:eb:00:00:01", "10:27:f5:00:00:01"}) {
        INFO(mac);
        const auto device = one({seen(mac)});
        CHECK_FALSE(device.vendor.empty());
        CHECK(device.confidence <= 0.3 + 1e-9);
        CHECK_FALSE(camaudit::is_camera_type(device.device_type));
    }
}

TEST_CASE("the OUI is one source however many probes report the MAC") {
    const auto device = one({seen("44:47:cc:01:02:03"), seen("44:47:cc:01:02:03", "http.header.names", "date", "http")});
    CHECK(device.confidence == doctest::Approx(0.5));
    CHECK(std::count_if(device.evidence.begin(), device.evidence.end(),
                        [](const camaudit::Evidence& e) { return e.rule.starts_with("oui:"); }) == 2);
}

TEST_CASE("newer prefixes from oui_overrides.json and subsidiaries' organisations resolve") {
    CHECK(one({seen("00:bc:99:00:00:01")}).vendor == "Hikvision");       // nmap, newer than the registry copy
    CHECK(one({seen("58:8f:cf:00:00:01")}).vendor == "Hikvision");       // Hangzhou Ezviz Software
    CHECK(one({seen("90:6a:94:00:00:01")}).vendor == "Dahua");           // hangzhou huacheng (Imou)
    CHECK(one({seen("00:1e:96:00:00:01")}).vendor == "Hytera");          // Sepura Plc
    CHECK(one({seen("70:b3:d5:0a:e0:01")}).vendor == "Hytera");          // Norsat, MA-S
}

TEST_CASE("locally administered MACs, relabel sellers and unrelated look-alikes claim nothing") {
    CHECK(one({seen("46:47:cc:01:02:03")}).vendor.empty());  // locally administered Hikvision bits
    CHECK(one({seen("9c:8e:cd:00:00:01")}).vendor.empty());  // Amcrest Technologies: a seller
    CHECK(one({seen("00:26:75:00:00:01")}).vendor.empty());  // Aztech: "zte" only as a substring
    CHECK(oui_evidence(one({seen("46:47:cc:01:02:03")})) == nullptr);
}
