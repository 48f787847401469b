// Proves, through the real binaries against the device lab, that the ONVIF probe names devices
// whose web page says nothing (issue 4's "done when"): with it they carry their true vendor,
// model and status; with only the HTTP probe the same devices stay unnamed.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using camaudit::testing::device_at;
using camaudit::testing::lab_addresses;
using json = nlohmann::json;

namespace {

// Lab ids whose only clue is ONVIF, and the Tapo camera whose ONVIF lives on port 2020.
const char* const onvif_only[] = {"hik-ipc-ds2cd3955fwd-onvif-only", "axis-m2036-le-onvif-only", "tplink-tapo-c200"};

// Scans only the ONVIF-only devices; `probes` empty means the default (all probes).
json scan(const std::map<std::string, std::string>& addresses, const std::string& probes) {
    const auto report = fresh_temp_dir("onvif-scan-" + (probes.empty() ? std::string("all") : probes)) / "r.json";
    std::string command = std::string(CAMAUDIT_LAB_BIN) + " -- " + CAMAUDIT_BIN + " scan";
    for (const char* id : onvif_only) command += " " + addresses.at(id);
    command += " --rate 20000 --out " + report.string() + (probes.empty() ? "" : " --probes " + probes);
    const auto result = run_command(command);
    INFO(result.err);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    return json::parse(read_file(report));
}

bool has_onvif_evidence(const json& device) {
    for (const auto& evidence : device.at("evidence"))
        if (evidence.at("field").get<std::string>().starts_with("onvif.")) return true;
    return false;
}

}  // namespace

TEST_CASE("a device with a blank web page is named by its ONVIF manufacturer and scopes") {
    const auto addresses = lab_addresses();
    const json report = scan(addresses, "");
    const json* hik = device_at(report, addresses.at("hik-ipc-ds2cd3955fwd-onvif-only"));
    REQUIRE(hik != nullptr);
    CHECK(hik->value("vendor", "") == "Hikvision");
    CHECK(hik->value("model", "") == "DS-2CD3955FWD-IWS");
    CHECK(hik->value("firmware", "") == "V5.6.1 build 190813");
    CHECK(hik->at("compliance").at("status") == "prohibited");
    CHECK(has_onvif_evidence(*hik));
    const json* axis = device_at(report, addresses.at("axis-m2036-le-onvif-only"));
    REQUIRE(axis != nullptr);
    CHECK(axis->value("vendor", "") == "Axis");
    CHECK(axis->value("model", "") == "M2036-LE");
    CHECK(axis->at("compliance").at("status") != "prohibited");
}

TEST_CASE("Tapo's ONVIF service on port 2020 names it, and the port is reported as onvif") {
    const auto addresses = lab_addresses();
    const json report = scan(addresses, "");
    const json* tapo = device_at(report, addresses.at("tplink-tapo-c200"));
    REQUIRE(tapo != nullptr);
    CHECK(tapo->value("vendor", "") == "TP-Link");
    CHECK(tapo->value("model", "") == "C200");
    bool onvif_port = false;
    for (const auto& port : tapo->at("open_ports"))
        if (port.at("port") == 2020) onvif_port = port.at("service") == "onvif";
    CHECK(onvif_port);
}

TEST_CASE("without the ONVIF probe the same devices stay unnamed (what the probe adds)") {
    const auto addresses = lab_addresses();
    const json report = scan(addresses, "http");
    for (const char* id : onvif_only) {
        INFO(id);
        const json* device = device_at(report, addresses.at(id));
        if (device == nullptr) continue;
        CHECK(device->value("vendor", "").empty());
        CHECK_FALSE(has_onvif_evidence(*device));
    }
}
