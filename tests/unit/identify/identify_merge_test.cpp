// Proves how observations become devices: independent markers raise confidence, weak lone
// signals stay weak, competing vendors become conflicts, relabels keep brand and maker apart,
// decoys keep their non-camera type, and hosts are grouped and ordered by address.
#include <doctest/doctest.h>

#include <identify/identify.hpp>

#include <algorithm>

namespace {

using camaudit::Device;
using camaudit::Observation;

const auto& knowledge() {
    static const auto loaded = camaudit::identify::load_knowledge(CAMAUDIT_SOURCE_DATA_DIR);
    return *loaded;
}

Observation http(const std::string& ip, const std::string& key, const std::string& value,
                 const std::string& path = "/", std::uint16_t port = 80) {
    Observation o;
    o.ip = ip;
    o.key = key;
    o.value = value;
    o.port = port;
    o.proto = "tcp";
    o.probe = "http";
    o.context = "GET " + path;
    o.time = camaudit::Clock::time_point(std::chrono::seconds(1'700'000'000));
    return o;
}

Observation port(const std::string& ip, std::uint16_t number, const std::string& service) {
    Observation o = http(ip, "tcp.port.open", service, "", number);
    o.probe = "tcp_connect";
    o.context.clear();
    return o;
}

Device one(const std::vector<Observation>& observations) {
    const auto devices = camaudit::identify::identify_devices(observations, knowledge());
    REQUIRE(devices.size() == 1);
    return devices.front();
}

bool has_evidence(const Device& device, const std::string& rule, const std::string& claim) {
    return std::any_of(device.evidence.begin(), device.evidence.end(), [&](const camaudit::Evidence& e) {
        return e.rule == rule && e.claim == claim;
    });
}

}  // namespace

TEST_CASE("two independent Hikvision markers give the vendor with confidence of at least 0.8") {
    const auto device = one({http("10.0.0.5", "http.header.server", "App-webs/"),
                             http("10.0.0.5", "http.auth.realm", "IP Camera(C2183)", "/ISAPI/System/deviceInfo"),
                             port("10.0.0.5", 80, "http")});
    CHECK(device.vendor == "Hikvision");
    CHECK(device.brand == "Hikvision");
    CHECK_FALSE(device.relabel);
    CHECK(device.device_type == "camera");
    CHECK(device.confidence >= 0.8);
    CHECK(device.conflicts.empty());
    CHECK(has_evidence(device, "hikvision.server.app_webs", "vendor=Hikvision"));
    CHECK(has_evidence(device, "hikvision.realm.ip_camera", "vendor=Hikvision"));
    const auto realm = std::find_if(device.evidence.begin(), device.evidence.end(),
                                    [](const auto& e) { return e.field == "http.auth.realm"; });
    REQUIRE(realm != device.evidence.end());
    CHECK(realm->context == "GET /ISAPI/System/deviceInfo");
    CHECK(realm->value == "IP Camera(C2183)");
    CHECK(realm->source == "http");
    CHECK(realm->port == 80);
}

TEST_CASE("a lone generic server value gives at most 0.5") {
    const auto device = one({http("10.0.0.6", "http.header.server", "webserver")});
    CHECK(device.vendor == "Hikvision");
    CHECK(device.confidence <= 0.5);
    const auto xiongmai = one({http("10.0.0.7", "http.header.server", "uc-httpd 1.0.0")});
    CHECK(xiongmai.vendor == "Xiongmai");
    CHECK(xiongmai.confidence <= 0.5);
}

TEST_CASE("a bare open port 8000 names no vendor (a hint), the same marker seen twice counts once") {
    const auto device = one({port("10.0.0.8", 8000, "hikvision-sdk"), port("10.0.0.8", 554, "rtsp")});
    CHECK(device.vendor.empty());
    CHECK(device.confidence == 0);
    CHECK(has_evidence(device, "hikvision.port.sdk_8000", "vendor=Hikvision"));  // shown, not scored
    CHECK(std::any_of(device.conflicts.begin(), device.conflicts.end(),
                      [](const std::string& note) { return note.starts_with("hint: Hikvision"); }));
    REQUIRE(device.open_ports.size() == 2);
    CHECK(device.open_ports[0].port == 554);
    CHECK(device.open_ports[0].proto == "tcp");
    CHECK(device.open_ports[1].service == "hikvision-sdk");
    const auto twice = one({http("10.0.0.9", "http.body.text", "doc/page/login.asp", "/a"),
                            http("10.0.0.9", "http.body.text", "doc/page/login.asp", "/b")});
    CHECK(twice.confidence == doctest::Approx(0.7));
}

TEST_CASE("a port hint adds its weight to a vendor other evidence names, and only to that one") {
    const auto alone = one({http("10.0.0.11", "http.header.server", "App-webs/")});
    const auto with_port = one({http("10.0.0.12", "http.header.server", "App-webs/"), port("10.0.0.12", 8000, "hikvision-sdk")});
    CHECK(with_port.vendor == "Hikvision");
    CHECK(with_port.confidence > alone.confidence);
    const auto rival = one({http("10.0.0.13", "http.header.server", "App-webs/"), port("10.0.0.13", 37777, "dahua-dvrip")});
    CHECK(rival.vendor == "Hikvision");
    CHECK(rival.confidence == doctest::Approx(alone.confidence));  // a Dahua port is no rival on its own
}

TEST_CASE("a host with only open ports and nothing recognised has no vendor and no type") {
    const auto device = one({port("10.0.0.10", 80, "http"), port("10.0.0.10", 22, ""),
                             http("10.0.0.10", "http.path.status", "GET / 200")});
    CHECK(device.vendor.empty());
    CHECK(device.device_type.empty());
    CHECK(device.brand.empty());
    CHECK(device.confidence == 0);
    CHECK(device.open_ports.size() == 2);
}

TEST_CASE("competing vendors are kept as conflicts and lower the winner's confidence") {
    const auto device = one({http("10.0.0.11", "http.body.text", "<script src=\"jsBase/lib/jquery.js?version=@WebVersion@\">"),
                             http("10.0.0.11", "http.header.names", "CONNECTION,Date,CONTENT-LENGTH"),
                             http("10.0.0.11", "http.auth.realm", "IP Camera(C2183)", "/ISAPI/System/deviceInfo")});
    CHECK(device.vendor == "Dahua");
    REQUIRE(device.conflicts.size() == 1);
    CHECK(device.conflicts[0].find("vendor=Hikvision") != std::string::npos);
    CHECK(device.conflicts[0].find("hikvision.realm.ip_camera") != std::string::npos);
    CHECK(device.confidence < 0.6);
}

TEST_CASE("a relabel keeps the brand shown apart from the maker of the firmware") {
    const auto device = one({http("10.0.0.12", "http.body.text", "... @WebVersion@ ... amcrest ..."),
                             http("10.0.0.12", "http.body.text", "Copyright 2024 Amcrest Technologies", "/custom_lang/English.txt")});
    CHECK(device.vendor == "Dahua");
    CHECK(device.brand == "Amcrest");
    CHECK(device.relabel);
    const auto own = one({http("10.0.0.13", "http.body.text",
                               R"({"WebVersion":"3.2","deviceType":"IPC-HFW2228M-I1-V2","vendor":"Dahua"})",
                               "/web_caps/webCapsConfig")});
    CHECK(own.brand == "Dahua");
    CHECK(own.model == "IPC-HFW2228M-I1-V2");
    CHECK_FALSE(own.relabel);
}

TEST_CASE("model, type and serial come from captures") {
    const auto nvr = one({http("10.0.0.14", "http.header.server", "DNVRS-Webs"),
                          http("10.0.0.14", "http.auth.realm", "DS-7608NI-E2/8P", "/ISAPI/System/deviceInfo")});
    CHECK(nvr.device_type == "nvr");
    CHECK(nvr.model == "DS-7608NI-E2/8P");
    CHECK(camaudit::is_camera_type(nvr.device_type));
    const auto lorex = one({http("10.0.0.15", "http.auth.realm", "Login to ND011811000000")});
    CHECK(lorex.vendor == "Dahua");
    CHECK(lorex.serial == "ND011811000000");
    CHECK(lorex.brand == "Lorex");
    CHECK(lorex.relabel);
}

TEST_CASE("decoys keep their vendor and a non-camera type") {
    const auto zte = one({http("10.0.0.16", "http.header.server", "Mini web server 1.0 ZTE corp 2005."),
                          http("10.0.0.16", "http.auth.realm", "ZXHN H108L")});
    CHECK(zte.vendor == "ZTE");
    CHECK(zte.device_type == "router");
    CHECK(zte.model == "ZXHN H108L");
    CHECK(zte.confidence >= 0.8);
    CHECK_FALSE(camaudit::is_camera_type(zte.device_type));
    const auto site = one({http("10.0.0.17", "http.header.server", "nginx/1.18.0 (Ubuntu)"),
                           http("10.0.0.17", "http.body.title", "Welcome to nginx!")});
    CHECK(site.vendor.empty());
    CHECK(site.device_type == "web_server");
    const auto printer = one({http("10.0.0.18", "http.header.server", "Catwalk"),
                              http("10.0.0.18", "http.body.title", "Remote UI <Top Page> : iR-ADV C5235")});
    CHECK(printer.vendor == "Canon");
    CHECK(printer.device_type == "printer");
}

TEST_CASE("a catch-all server answering every vendor's path is not taken for any of them") {
    std::vector<Observation> observations;
    for (const char* path : {"/ISAPI/System/deviceInfo", "/axis-cgi/basicdeviceinfo.cgi",
                             "/LAPI/V1.0/System/DeviceInfo", "/SDCAPI/V1.0/MiscIaas/System"})
        observations.push_back(http("10.0.0.19", "http.path.status", std::string("GET ") + path + " 401", path));
    const auto device = one(observations);
    CHECK(device.vendor.empty());
    REQUIRE(!device.conflicts.empty());
    CHECK(device.conflicts[0].find("catch-all") != std::string::npos);
}

TEST_CASE("hosts are grouped by address, ordered numerically, and timed by their observations") {
    auto late = http("10.0.0.9", "http.header.server", "App-webs/");
    late.time += std::chrono::seconds(30);
    auto with_mac = port("10.0.0.9", 80, "http");
    with_mac.mac = "44:19:b6:3a:7c:21";
    const auto devices = camaudit::identify::identify_devices(
        std::vector<Observation>{port("10.0.0.10", 80, "http"), late, with_mac, port("9.255.0.1", 443, "https")},
        knowledge());
    REQUIRE(devices.size() == 3);
    CHECK(devices[0].ip == "9.255.0.1");
    CHECK(devices[1].ip == "10.0.0.9");
    CHECK(devices[2].ip == "10.0.0.10");
    CHECK(devices[1].mac == "44:19:b6:3a:7c:21");
    CHECK(devices[1].last_seen - devices[1].first_seen == std::chrono::seconds(30));
    CHECK(devices[1].compliance.findings.empty());
}

TEST_CASE("is_camera_type covers surveillance devices only") {
    for (const char* type : {"camera", "nvr", "dvr", "encoder", "doorbell", "intercom", "access_control"})
        CHECK(camaudit::is_camera_type(type));
    for (const char* type : {"", "router", "ont", "printer", "nas", "web_server", "radio", "tv", "Camera"})
        CHECK_FALSE(camaudit::is_camera_type(type));
}

TEST_CASE("a losing vendor is kept for policy with its score, sources, rules and whether it tied") {
    const auto device = one({http("10.0.0.11", "http.body.text", "<script src=\"jsBase/lib/jquery.js?version=@WebVersion@\">"),
                             http("10.0.0.11", "http.auth.realm", "IP Camera(C2183)", "/ISAPI/System/deviceInfo")});
    REQUIRE(device.rival_vendors.size() == 1);
    const auto& rival = device.rival_vendors[0];
    CHECK(rival.vendor != device.vendor);
    CHECK(rival.score > 0);
    CHECK(rival.sources == 1);
    REQUIRE(!rival.rules.empty());
    CHECK(device.conflicts[0].find(rival.rules[0]) != std::string::npos);
}

TEST_CASE("the same fact heard actively and passively is one source: listening adds no confidence") {
    // issue 14: `scan --listen` (or passive + scan merged) must not push a device over a
    // threshold with a second copy of what the active probe already saw.
    const auto realm = http("10.0.0.12", "http.auth.realm", "IP Camera(C2183)", "/ISAPI/System/deviceInfo");
    auto heard = realm;
    heard.probe = "passive:http";
    heard.context = "passive capture: HTTP response";
    const auto active_only = one({realm});
    const auto both = one({realm, heard});
    CHECK(both.vendor == active_only.vendor);
    CHECK(both.confidence == doctest::Approx(active_only.confidence));
    const auto server = http("10.0.0.12", "http.header.server", "App-webs/");
    CHECK(one({realm, server}).confidence > active_only.confidence);  // a different key still counts
}
