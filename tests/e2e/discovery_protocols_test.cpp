// Proves the SSDP/UPnP, SNMP and mDNS probes through the real binaries against the device lab:
// a device whose only clue is SNMP (Hytera) is a prohibited Hytera, Axis is named with model
// from SSDP + the in-scope UPnP description, SNMP and mDNS, Hikvision from its mDNS instance;
// the hostile lab's out-of-scope LOCATION is recorded and never fetched, a 60 KB SSDP answer
// and lying SNMP lengths are recorded as malformed; the community never reaches the report;
// SNMPv3 engine discovery alone names the Hytera from its engine ID's enterprise number.
// Prints each probe's gain in the lab's identification rate.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::lab_address_of;
using camaudit::testing::lab_placements;
using camaudit::testing::lab_profile;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

struct Scan {
    int exit_code = -1;
    std::string stderr_text;
    std::string report_text;
    json report;
};

Scan run_scan(const std::string& lab_args, const std::string& scan_args, const std::string& env = "") {
    static int counter = 0;
    const auto dir = fresh_temp_dir("discovery2");
    const auto report = dir / ("report-" + std::to_string(counter++) + ".json");
    const auto result = run_command(env + std::string(CAMAUDIT_LAB_BIN) + " " + lab_args + " -- " + CAMAUDIT_BIN +
                                    " scan " + scan_args + " --rate 20000 --seed 7 --out " + report.string());
    Scan scan{result.exit_code, result.err, read_file(report), {}};
    scan.report = json::parse(scan.report_text, nullptr, false);
    return scan;
}

// One default-lab scan per probe list.
const Scan& lab_scan(const std::string& probes) {
    static std::map<std::string, Scan> scans;
    if (const auto found = scans.find(probes); found != scans.end()) return found->second;
    return scans.emplace(probes, run_scan("", "127.0.1.0/24 --probes " + probes)).first->second;
}

const json* device_at(const Scan& scan, const std::string& ip) {
    for (const auto& device : scan.report.at("devices"))
        if (device.at("ip") == ip) return &device;
    return nullptr;
}

bool has_evidence(const json& device, const std::string& source, const std::string& field_prefix = "") {
    for (const auto& evidence : device.at("evidence"))
        if (evidence.at("source") == source && evidence.value("field", "").starts_with(field_prefix)) return true;
    return false;
}

bool has_open_udp(const json& device, int port) {
    for (const auto& open : device.at("open_ports"))
        if (open.at("port") == port && open.at("proto") == "udp") return true;
    return false;
}

bool has_error(const Scan& scan, const std::string& target_prefix, const std::string& text) {
    for (const auto& error : scan.report.at("errors"))
        if (error.at("target").get<std::string>().starts_with(target_prefix) &&
            error.at("message").get<std::string>().find(text) != std::string::npos)
            return true;
    return false;
}

// Truth-named profiles the scan gets right (vendor, and prohibited when banned).
std::pair<int, int> identification_rate(const Scan& scan) {
    int right = 0, total = 0;
    for (const auto& place : lab_placements()) {
        const auto data = lab_profile(place.at("id").get<std::string>());
        const auto& truth = data.at("truth");
        if (truth.value("forged", false) || truth.at("vendor") == "none") continue;
        ++total;
        const auto* device = device_at(scan, place.at("address").get<std::string>());
        right += device != nullptr && device->value("vendor", "") == truth.at("vendor") &&
                 (truth.at("banned") != true || device->at("compliance").at("status") == "prohibited");
    }
    return {right, total};
}

}  // namespace

TEST_CASE("discovery protocols: a device whose only clue is SNMP is a prohibited Hytera") {
    const auto& scan = lab_scan("ssdp,snmp,mdns,http");
    INFO(scan.stderr_text);
    REQUIRE(scan.report.is_object());
    const auto* hytera = device_at(scan, lab_address_of("hytera-rd985-repeater"));
    REQUIRE(hytera != nullptr);
    CHECK(hytera->at("vendor") == "Hytera");
    CHECK(hytera->at("compliance").at("status") == "prohibited");
    CHECK(has_evidence(*hytera, "snmp", "snmp.sys_object_id"));
    CHECK(has_open_udp(*hytera, 161));
    const auto* canon = device_at(scan, lab_address_of("canon-vb-c60"));
    REQUIRE(canon != nullptr);
    CHECK(canon->at("vendor") == "Canon");
    CHECK(has_evidence(*canon, "snmp", "snmp.sys_descr"));
}

TEST_CASE("discovery protocols: Axis is named by SSDP, its in-scope UPnP description, SNMP and mDNS") {
    const auto& scan = lab_scan("ssdp,snmp,mdns,http");
    const auto* axis = device_at(scan, lab_address_of("axis-m1065lw-fw9"));
    REQUIRE(axis != nullptr);
    CHECK(axis->at("vendor") == "Axis");
    CHECK(axis->at("model") == "M1065-LW");
    CHECK(has_evidence(*axis, "ssdp", "ssdp.header.server"));
    CHECK(has_evidence(*axis, "ssdp", "upnp.description."));  // LOCATION fetched: the address is in scope
    CHECK(has_evidence(*axis, "snmp"));
    CHECK(has_evidence(*axis, "mdns", "mdns.instance"));
    for (const int port : {161, 1900, 5353}) CHECK(has_open_udp(*axis, port));
    const auto* hik = device_at(scan, lab_address_of("hik-ipc-ds2cd2142fwd-i-v550"));
    REQUIRE(hik != nullptr);
    CHECK(hik->at("vendor") == "Hikvision");
    CHECK(has_evidence(*hik, "mdns"));
    const auto* router = device_at(scan, lab_address_of("decoy-mikrotik-router"));
    REQUIRE(router != nullptr);
    CHECK(has_evidence(*router, "ssdp", "ssdp.header.server"));
}

TEST_CASE("discovery protocols: each probe alone names its devices, only SNMP/mDNS/SSDP, no HTTP") {
    for (const auto& [probe, id, vendor] : {std::tuple{"snmp", "hytera-rd985-repeater", "Hytera"},
                                            std::tuple{"mdns", "axis-m1065lw-fw9", "Axis"},
                                            std::tuple{"ssdp", "pelco-spectra-mini", "Pelco"},
                                            // SNMPv3 engine discovery, no community: the engine ID's enterprise 40297
                                            std::tuple{"snmp_engine", "hytera-rd985-repeater", "Hytera"}}) {
        INFO(probe);
        const auto& scan = lab_scan(probe);
        const auto* device = device_at(scan, lab_address_of(id));
        REQUIRE(device != nullptr);
        CHECK(device->at("vendor") == vendor);
        CHECK(has_evidence(*device, probe));
    }
}

TEST_CASE("discovery protocols: the hostile lab: LOCATION outside scope recorded and not fetched, huge and lying answers") {
    const auto dir = fresh_temp_dir("discovery2-hostile");
    const auto hostile = std::filesystem::path(CAMAUDIT_SOURCE_LAB_DIR) / ".." / "hostile";
    for (const char* id : {"hostile-ssdp-location-out", "hostile-ssdp-huge", "hostile-snmp-lying-ber"})
        std::filesystem::copy_file(hostile / (std::string(id) + ".json"), dir / (std::string(id) + ".json"));
    // Placed in id order from 127.0.3.1: lying-ber .1, huge .2, location-out .3.
    const auto scan = run_scan("--devices " + dir.string() + " --first 127.0.3.1",
                               "127.0.3.0/29 --ports 80 --probes ssdp,snmp,http");
    INFO(scan.stderr_text);
    CHECK(scan.exit_code != 2);
    REQUIRE(scan.report.is_object());
    CHECK(has_error(scan, "127.0.3.3:", "LOCATION outside scope, not fetched"));
    CHECK_FALSE(has_error(scan, "127.0.3.3:", "LOCATION fetch failed"));  // never even tried
    CHECK(scan.report_text.find("192.0.2.1") != std::string::npos);      // named in the error, for the auditor
    CHECK(has_error(scan, "127.0.3.2:", "malformed SSDP"));
    CHECK(has_error(scan, "127.0.3.1:", "malformed SNMP"));
}

TEST_CASE("discovery protocols: the community comes from the environment or the config file and never reaches the report") {
    const auto wrong = run_scan("", "127.0.1.0/24 --ports 80 --probes snmp", "CAMAUDIT_SNMP_COMMUNITY=n0t-the-s3cret ");
    REQUIRE(wrong.report.is_object());
    const auto* hytera = device_at(wrong, lab_address_of("hytera-rd985-repeater"));
    CHECK((hytera == nullptr || !has_evidence(*hytera, "snmp")));  // the lab answers only "public"
    CHECK(wrong.report_text.find("n0t-the-s3cret") == std::string::npos);
    CHECK(wrong.stderr_text.find("n0t-the-s3cret") == std::string::npos);

    const auto config = fresh_temp_dir("discovery2-config") / "scan.toml";
    std::ofstream(config) << "targets = [\"127.0.1.0/24\"]\nports = \"80\"\nprobes = \"snmp\"\nsnmp_community = \"t0ml-s3cret\"\n";
    const auto from_config = run_scan("", "--config " + config.string());
    INFO(from_config.stderr_text);
    REQUIRE(from_config.report.is_object());
    const auto* silent = device_at(from_config, lab_address_of("hytera-rd985-repeater"));
    CHECK((silent == nullptr || !has_evidence(*silent, "snmp")));
    CHECK(from_config.report_text.find("t0ml-s3cret") == std::string::npos);

    const auto with_public = run_scan("", "127.0.1.0/24 --ports 80 --probes snmp", "CAMAUDIT_SNMP_COMMUNITY=public ");
    const auto* answered = device_at(with_public, lab_address_of("hytera-rd985-repeater"));
    REQUIRE(answered != nullptr);
    CHECK(has_evidence(*answered, "snmp"));
}

TEST_CASE("discovery protocols: what each probe adds to the lab's identification rate") {
    const auto [base, total] = identification_rate(lab_scan("http"));
    MESSAGE("lab identification: tcp+http " << base << "/" << total);
    for (const std::string probe : {"ssdp", "snmp", "mdns", "snmp_engine"}) {
        const auto [right, of] = identification_rate(lab_scan("http," + probe));
        MESSAGE("  tcp+http+" << probe << ": " << right << "/" << of << " (+" << right - base << ")");
        CHECK(right >= base);
    }
    const auto [all, of] = identification_rate(lab_scan("ssdp,snmp,mdns,http"));
    MESSAGE("  tcp+http+ssdp+snmp+mdns: " << all << "/" << of << " (+" << all - base << ")");
    CHECK(all > base);
}
