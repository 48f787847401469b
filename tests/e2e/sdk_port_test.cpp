// Proves through the real binaries that the hiksdk probe hears Hikvision's SDK port: scanning
// only TCP 8000 of the lab with only that probe, the three devices whose port 8000 answers the
// 16-byte header carry its evidence (rule hikvision.sdk_port.reply_header) and are named
// Hikvision, while devices whose port 8000 stays silent get a recorded error and no vendor.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using camaudit::testing::device_at;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::in_lab_camaudit;
using camaudit::testing::lab_addresses;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// The lab profiles with tcp_8000_banner_hex (tests/lab/devices).
const std::vector<std::string> answering = {"ezviz-cs-h6c-r101-v538", "hik-dvr-ds7208huhi-f2n",
                                            "hik-ipc-ds2cd2142fwd-i-v550"};
// Port 8000 open, no banner: the lab accepts and never answers.
const std::string silent = "annke-c800-hikvision-oem";

const json* sdk_evidence(const json& device) {
    for (const auto& evidence : device.at("evidence"))
        if (evidence.at("source") == "hiksdk") return &evidence;
    return nullptr;
}

}  // namespace

TEST_CASE("hiksdk: the SDK-port probe names the lab's answering Hikvision devices from port 8000 alone") {
    const auto addresses = lab_addresses();
    const auto report_path = fresh_temp_dir("sdk-port") / "report.json";
    const auto result = run_command(in_lab_camaudit() + " scan 127.0.1.0/24 --ports 8000 --probes hiksdk " +
                                    "--rate 20000 --quiet --no-progress --out " + report_path.string());
    INFO(result.err);
    CHECK(result.exit_code == 1);  // prohibited devices found
    const json report = json::parse(read_file(report_path));
    for (const auto& id : answering) {
        INFO(id);
        const json* device = device_at(report, addresses.at(id));
        REQUIRE(device != nullptr);
        const json* evidence = sdk_evidence(*device);
        REQUIRE(evidence != nullptr);
        CHECK(evidence->at("rule") == "hikvision.sdk_port.reply_header");
        CHECK(evidence->at("field") == "tcp.banner.hex");
        CHECK(evidence->at("port") == 8000);
        CHECK(evidence->at("value") == "000000100000001e0000001e00000000");
        CHECK(evidence->at("claim") == "vendor=Hikvision");
        CHECK(device->value("vendor", "") == "Hikvision");
        CHECK(device->at("compliance").at("status") == "prohibited");
    }
    const json* quiet = device_at(report, addresses.at(silent));
    REQUIRE(quiet != nullptr);
    CHECK(sdk_evidence(*quiet) == nullptr);
    CHECK(quiet->value("vendor", "") == "");  // the open port alone is only a hint
    bool error_recorded = false;
    for (const auto& error : report.at("errors"))
        error_recorded |= error.at("probe") == "hiksdk" && error.at("target") == addresses.at(silent) + ":8000";
    CHECK(error_recorded);
}
