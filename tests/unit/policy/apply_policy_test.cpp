// Proves each status rule of the policy stage (prohibited, review by weak evidence, by an
// unverified rule or vendor, allowed, unknown camera) with the findings an auditor reads, and
// that policy writes nothing but Device::compliance.
#include <policy/policy.hpp>

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <tuple>

namespace {

using camaudit::ComplianceStatus;
using camaudit::Device;
using camaudit::Evidence;
using camaudit::policy::Regulation;
using camaudit::policy::RegulationDb;

const RegulationDb& shipped() {
    static const RegulationDb db = RegulationDb::load(CAMAUDIT_SOURCE_DATA_DIR);
    return db;
}

std::vector<Regulation> only(std::initializer_list<std::string> ids) { return shipped().select(ids); }

Device device(std::string ip, std::string vendor, std::string brand, double confidence,
              std::string type = "camera") {
    Device d;
    d.ip = std::move(ip);
    d.mac = "44:47:cc:01:02:03";
    d.vendor = std::move(vendor);
    d.brand = std::move(brand);
    d.relabel = !d.brand.empty() && d.brand != d.vendor;
    d.model = "CS-C6N";
    d.device_type = std::move(type);
    d.confidence = confidence;
    d.open_ports = {{80, "tcp", "http"}, {554, "tcp", "rtsp"}};
    d.evidence = {
        {"http", 80, "http.header.server", "App-webs/", "hik-app-webs", "vendor=" + d.vendor, 0.6, "GET /"},
        {"onvif", 80, "onvif.device_information.manufacturer", "HIKVISION", "onvif-hik", "vendor=" + d.vendor, 0.8, ""},
        {"arp", 0, "arp.mac", d.mac, "oui:44:47:cc", "vendor=" + d.vendor, 0.5, ""}};
    return d;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

auto fields(const Device& d) {
    return std::tie(d.ip, d.mac, d.hostname, d.vendor, d.brand, d.model, d.firmware, d.serial, d.device_type,
                    d.relabel, d.confidence, d.conflicts, d.first_seen, d.last_seen);
}

}  // namespace

TEST_CASE("a confidently identified covered vendor is prohibited, with a quotable finding") {
    std::vector<Device> devices{device("10.0.0.5", "Hikvision", "EZVIZ", 0.92)};
    const auto rules = only({"us-ndaa-889"});
    camaudit::policy::apply_policy(devices, rules);
    const auto& c = devices[0].compliance;
    CHECK(c.status == ComplianceStatus::prohibited);
    REQUIRE(c.findings.size() == 1);
    const auto& f = c.findings[0];
    CHECK(f.policy == "us-ndaa-889");
    CHECK(f.jurisdiction == "United States (federal)");
    CHECK(f.title == rules[0].instrument);
    CHECK(f.source == rules[0].sources.front());
    CHECK(f.status == "prohibited");
    CHECK(has(f.reason, "Vendor Hikvision (brand EZVIZ, OEM relabel)"));
    CHECK(has(f.reason, "strong evidence (confidence 0.92"));
    CHECK(has(f.reason, "vendor claims from http, onvif, arp"));
    CHECK(has(f.reason, "§889(a)(1)(A)"));
    CHECK_FALSE(has(f.reason, "review"));
}

TEST_CASE("a covered vendor on weak evidence is review, and the reason says why") {
    std::vector<Device> devices{device("10.0.0.6", "Dahua", "Amcrest", 0.4)};
    camaudit::policy::apply_policy(devices, only({"us-ndaa-889", "us-fcc-covered-list"}));
    const auto& c = devices[0].compliance;
    CHECK(c.status == ComplianceStatus::review);
    REQUIRE(c.findings.size() == 2);
    for (const auto& f : c.findings) {
        CHECK(has(f.reason, "weak evidence (confidence 0.40"));
        CHECK(has(f.reason, "confirm the maker before acting"));
    }
    CHECK(c.findings[0].status == "review");
    CHECK(c.findings[1].status == "advisory");  // the FCC list bars no use, weak evidence or not
    CHECK(has(c.findings[1].reason, "does not bar the use of cameras already installed"));
}

TEST_CASE("an unverified regulation yields review, never prohibited") {
    camaudit::test::TempDir dir;
    camaudit::test::write_file(dir.path() / "regulations" / "xx-unverified.json", R"({
      "id": "xx-unverified", "jurisdiction": "Testland", "instrument": "Rumoured Act",
      "effective": "2024-01", "scope": "bars use on state networks", "summary": "Reported only.",
      "sources": ["https://example.invalid/rumour"], "vendors": ["Hikvision"], "verified": false,
      "forbids": [{"what": "use", "binds": "state networks", "source": "https://example.invalid/rumour"}]})");
    const auto db = RegulationDb::load(dir.path());
    std::vector<Device> devices{device("10.0.0.7", "Hikvision", "Hikvision", 0.95)};
    camaudit::policy::apply_policy(devices, db.select({}));
    const auto& c = devices[0].compliance;
    CHECK(c.status == ComplianceStatus::review);
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].status == "review");
    CHECK(has(c.findings[0].reason, "this rule is unverified"));
    CHECK(c.findings[0].source == "https://example.invalid/rumour");
}

TEST_CASE("an unverified vendor entry or brand coverage yields review; an export rule advisory") {
    SUBCASE("Texas: TP-Link addition unverified, Uniview verified") {
        std::vector<Device> devices{device("10.0.0.8", "TP-Link", "Tapo", 0.9),
                                    device("10.0.0.9", "Uniview", "", 0.9)};
        camaudit::policy::apply_policy(devices, only({"us-tx-prohibited-technologies"}));
        CHECK(devices[0].compliance.status == ComplianceStatus::review);
        CHECK(has(devices[0].compliance.findings.at(0).reason, "coverage of TP-Link is unverified"));
        CHECK(devices[1].compliance.status == ComplianceStatus::prohibited);
    }
    SUBCASE("Canada: Hikvision itself prohibited, its EZVIZ brand review") {
        std::vector<Device> devices{device("10.0.0.10", "Hikvision", "Hikvision", 0.9),
                                    device("10.0.0.11", "Hikvision", "EZVIZ", 0.9)};
        camaudit::policy::apply_policy(devices, only({"ca-ica-hikvision-2025"}));
        CHECK(devices[0].compliance.status == ComplianceStatus::prohibited);
        CHECK(has(devices[0].compliance.findings.at(0).reason, "must not purchase or use Hikvision products"));
        CHECK(devices[1].compliance.status == ComplianceStatus::review);
        CHECK(has(devices[1].compliance.findings.at(0).reason, "other brands and relabels is unverified"));
    }
    SUBCASE("export-control list alone is advisory: it forbids export, not use") {
        std::vector<Device> devices{device("10.0.0.12", "Dahua", "", 0.9)};
        camaudit::policy::apply_policy(devices, only({"us-bis-entity-list-2019"}));
        CHECK(devices[0].compliance.status == ComplianceStatus::advisory);
        CHECK(has(devices[0].compliance.findings.at(0).reason, "bars neither the purchase nor the use"));
        CHECK(has(devices[0].compliance.findings.at(0).reason, "Status advisory: the rule forbids export"));
    }
}

TEST_CASE("the device takes its worst finding across all selected regulations") {
    std::vector<Device> devices{device("10.0.0.13", "Hikvision", "EZVIZ", 0.9)};
    camaudit::policy::apply_policy(devices, shipped().select({}));
    const auto& c = devices[0].compliance;
    CHECK(c.status == ComplianceStatus::prohibited);
    bool canada_review = false, ndaa_prohibited = false;
    for (const auto& f : c.findings) {
        canada_review |= f.policy == "ca-ica-hikvision-2025" && f.status == "review";
        ndaa_prohibited |= f.policy == "us-ndaa-889" && f.status == "prohibited";
    }
    CHECK(canada_review);
    CHECK(ndaa_prohibited);
}

TEST_CASE("no covered vendor: allowed when identified or not a camera, unknown for a nameless camera or host") {
    std::vector<Device> devices{device("10.0.0.20", "Axis", "", 0.95), device("10.0.0.21", "", "", 0, "camera"),
                                device("10.0.0.22", "", "", 0, "router"),
                                device("10.0.0.23", "Dahua", "", 0.95, "nvr"),
                                device("10.0.0.24", "", "", 0, "")};
    camaudit::policy::apply_policy(devices, only({"ca-ica-hikvision-2025"}));
    CHECK(devices[0].compliance.status == ComplianceStatus::allowed);
    CHECK(devices[0].compliance.findings.empty());
    CHECK(devices[1].compliance.status == ComplianceStatus::unknown);
    CHECK(devices[1].compliance.findings.empty());
    CHECK(devices[2].compliance.status == ComplianceStatus::allowed);
    CHECK(devices[3].compliance.status == ComplianceStatus::allowed);  // Canada names Hikvision only
    CHECK(devices[4].compliance.status == ComplianceStatus::unknown);  // nothing recognised at all
}

TEST_CASE("a covered vendor's non-camera equipment is covered too (Huawei router under §889)") {
    std::vector<Device> devices{device("10.0.0.30", "Huawei", "", 0.8, "router")};
    camaudit::policy::apply_policy(devices, only({"us-ndaa-889"}));
    CHECK(devices[0].compliance.status == ComplianceStatus::prohibited);
}

TEST_CASE("policy changes no device field but compliance, and re-applying replaces it") {
    std::vector<Device> devices{device("10.0.0.40", "Hikvision", "EZVIZ", 0.92), device("10.0.0.41", "", "", 0)};
    devices[0].conflicts = {"vendor=Annke (http.body.title)"};
    devices[0].first_seen = camaudit::Clock::now();
    const auto before = devices;
    camaudit::policy::apply_policy(devices, shipped().select({}));
    camaudit::policy::apply_policy(devices, only({"us-ndaa-889"}));
    for (std::size_t i = 0; i < devices.size(); ++i) {
        CHECK(fields(devices[i]) == fields(before[i]));
        CHECK(devices[i].open_ports.size() == before[i].open_ports.size());
        REQUIRE(devices[i].evidence.size() == before[i].evidence.size());
        for (std::size_t e = 0; e < devices[i].evidence.size(); ++e)
            CHECK(devices[i].evidence[e].claim == before[i].evidence[e].claim);
    }
    CHECK(devices[0].compliance.findings.size() == 1);  // only the second run's rule remains
    CHECK(has(devices[0].compliance.findings[0].reason, "1 competing claim(s) kept"));
}

TEST_CASE("a rule that names no vendor gives every camera, and only cameras, a finding with what to check") {
    std::vector<Device> devices{device("10.0.0.5", "Axis", "", 0.95), device("10.0.0.6", "", "", 0.0),
                                device("10.0.0.7", "Hikvision", "", 0.95, "router")};
    camaudit::policy::apply_policy(devices, only({"in-cctv-essential-requirements-2024"}));
    // India's test gates the sale of a model, not the use of an installed camera: advisory.
    CHECK(devices[0].compliance.status == ComplianceStatus::advisory);
    REQUIRE(devices[0].compliance.findings.size() == 1);
    const auto& reason = devices[0].compliance.findings[0].reason;
    CHECK(has(reason, "Vendor Axis, model CS-C6N"));
    CHECK(has(reason, "names no vendor"));
    CHECK(has(reason, "STQC"));
    CHECK(devices[1].compliance.status == ComplianceStatus::unknown);  // a nameless camera stays unknown
    CHECK(devices[1].compliance.findings.at(0).status == "advisory");
    CHECK(has(devices[1].compliance.findings.at(0).reason, "This camera"));
    CHECK(devices[2].compliance.status == ComplianceStatus::allowed);
    CHECK(devices[2].compliance.findings.empty());
}

TEST_CASE("a rule that binds no device adds no finding, and leaves the vendor rules' verdicts alone") {
    std::vector<Device> devices{device("10.0.0.5", "Hikvision", "", 0.95)};
    camaudit::policy::apply_policy(devices, only({"uk-procurement-act-2023", "us-ndaa-889"}));
    CHECK(devices[0].compliance.status == ComplianceStatus::prohibited);
    REQUIRE(devices[0].compliance.findings.size() == 1);
    CHECK(devices[0].compliance.findings[0].policy == "us-ndaa-889");
}

TEST_CASE("to_string names every status") {
    CHECK(camaudit::to_string(ComplianceStatus::allowed) == "allowed");
    CHECK(camaudit::to_string(ComplianceStatus::advisory) == "advisory");
    CHECK(camaudit::to_string(ComplianceStatus::unknown) == "unknown");
    CHECK(camaudit::to_string(ComplianceStatus::review) == "review");
    CHECK(camaudit::to_string(ComplianceStatus::waived) == "waived");
    CHECK(camaudit::to_string(ComplianceStatus::prohibited) == "prohibited");
}

TEST_CASE("a covered maker's strong evidence is never outvoted into allowed") {
    // The hostile case: SADP and the Hikvision MAC prefix (1.00) against louder Axis claims.
    auto liar = device("10.0.0.40", "Axis", "", 0.5);
    liar.rival_vendors = {{"Hikvision", 1.0, 2, {"sadp.device_type", "oui:44:47:cc"}, false}};
    auto weak_rival = device("10.0.0.41", "Axis", "", 0.9);
    weak_rival.rival_vendors = {{"Hikvision", 0.3, 1, {"hikvision.port.8000"}, false}};
    auto tie = device("10.0.0.42", "Axis", "", 0.25);
    tie.rival_vendors = {{"Hikvision", 0.5, 1, {"oui:44:47:cc"}, true}};
    std::vector<Device> devices{liar, weak_rival, tie};
    camaudit::policy::apply_policy(devices, only({"us-ndaa-889"}));

    const auto& contested = devices[0].compliance;
    CHECK(contested.status == ComplianceStatus::review);
    REQUIRE(contested.findings.size() == 1);
    const auto& reason = contested.findings[0].reason;
    CHECK(has(reason, "Vendor Axis"));
    CHECK(has(reason, "also names Hikvision (score 1.00 from 2 sources; rules sadp.device_type, oui:44:47:cc)"));
    CHECK(has(reason, "[us-ndaa-889]"));
    CHECK(contested.findings[0].status == "review");

    CHECK(devices[1].compliance.status == ComplianceStatus::allowed);  // a lone port hint stays a hint
    CHECK(devices[1].compliance.findings.empty());
    CHECK(devices[2].compliance.status == ComplianceStatus::review);  // name order never decides
}

TEST_CASE("a camera on HiSilicon's SDK with no other maker is review under §889(a)(1)(A), never allowed") {
    std::vector<Device> devices{device("10.0.0.8", "HiSilicon-based (unbranded)", "", 0.6)};
    camaudit::policy::apply_policy(devices, shipped().select({}));
    const auto& c = devices[0].compliance;
    CHECK(c.status == ComplianceStatus::review);
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].policy == "us-ndaa-889");
    CHECK(c.findings[0].status == "review");
    CHECK(has(c.findings[0].reason, "substantial or essential component"));
    CHECK(has(c.findings[0].reason, "Huawei"));
}
