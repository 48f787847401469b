// Proves through the real binaries that the RTSP and TLS probes name devices no other probe
// can: a camera whose only clue is its RTSP server (blank web page), one whose stream
// description is open, and ones whose only clue is their certificate; and that without
// those probes (`--probes http`) the same devices stay unnamed.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::has_evidence_from;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using camaudit::testing::device_at;
using json = nlohmann::json;

namespace {

// The lab profiles made for these probes, and what a correct scan says about each.
const std::map<std::string, std::string> expected_vendor = {
    {"rtsp-only-dahua-ipc", "Dahua"},
    {"rtsp-only-hikvision-open-stream", "Hikvision"},
    {"tls-only-dahua-ipc", "Dahua"},
    {"tls-only-hikvision-nvr", "Hikvision"},
};

struct Scan {
    int exit_code = -1;
    std::string stderr_text;
    json report;
    std::map<std::string, std::string> address_of;  // device id -> address
};

// Copies the profiles above into a scratch lab and scans it with the given --probes list.
Scan scan_with(const std::string& probes) {
    const auto dir = fresh_temp_dir("rtsp-tls-" + probes);
    const auto devices = dir / "devices";
    std::filesystem::create_directories(devices);
    for (const auto& [id, vendor] : expected_vendor)
        std::filesystem::copy_file(std::filesystem::path(CAMAUDIT_SOURCE_LAB_DIR) / (id + ".json"),
                                   devices / (id + ".json"));
    Scan s;
    const auto listing = run_command(std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string() + " --list");
    REQUIRE(listing.exit_code == 0);
    for (const auto& place : json::parse(listing.out))
        s.address_of[place.at("id").get<std::string>()] = place.at("address").get<std::string>();
    const auto report = dir / "report.json";
    const auto result = run_command(std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string() + " -- " +
                                    CAMAUDIT_BIN + " scan 127.0.1.0/29 --probes " + probes + " --out " +
                                    report.string());
    s.exit_code = result.exit_code;
    s.stderr_text = result.err;
    s.report = json::parse(read_file(report));
    return s;
}

}  // namespace

TEST_CASE("with the rtsp and tls probes, RTSP-only and certificate-only devices are named and prohibited") {
    const auto scan = scan_with("all");
    INFO(scan.stderr_text);
    CHECK(scan.exit_code == 1);  // prohibited devices found
    for (const auto& [id, vendor] : expected_vendor) {
        INFO(id);
        const json* device = device_at(scan.report, scan.address_of.at(id));
        REQUIRE(device != nullptr);
        CHECK(device->value("vendor", "") == vendor);
        CHECK(device->at("compliance").at("status") == "prohibited");
        CHECK(has_evidence_from(*device, id.starts_with("rtsp") ? "rtsp" : "tls"));
    }
    const json* open_stream = device_at(scan.report, scan.address_of.at("rtsp-only-hikvision-open-stream"));
    bool sdp_seen = false;
    for (const auto& evidence : open_stream->at("evidence"))
        if (evidence.at("field") == "rtsp.sdp.session_name") sdp_seen = true;
    CHECK(sdp_seen);
    for (const auto& port : device_at(scan.report, scan.address_of.at("rtsp-only-dahua-ipc"))->at("open_ports"))
        if (port.at("port") == 554) CHECK(port.at("service") == "rtsp");
}

TEST_CASE("with the HTTP probe alone, the same devices are found but not named") {
    const auto scan = scan_with("http");
    INFO(scan.stderr_text);
    CHECK(scan.exit_code == 0);
    for (const auto& [id, vendor] : expected_vendor) {
        INFO(id);
        const json* device = device_at(scan.report, scan.address_of.at(id));
        REQUIRE(device != nullptr);
        CHECK(device->value("vendor", "") == "");
    }
}
