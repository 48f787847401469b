// Proves that one hostile host on the segment cannot silence `discover` (issue 14): a host that
// floods the SADP listener with 4,200 junk datagrams is capped on its own and named in an
// error, while a genuine SADP camera answering 450 ms later (within WS-Discovery's 500 ms
// APP_MAX_DELAY, research §1) is still heard and prohibited. Needs root.
#include "lab_report.hpp"

#include <lab/lab.hpp>
#include <lab/segment.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

using camaudit::lab::Profile;
using camaudit::lab::Segment;
using camaudit::testing::device_at;
using camaudit::testing::has_evidence_from;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

Profile profile_named(const std::filesystem::path& dir, const std::string& id) {
    for (auto& profile : camaudit::lab::load_profiles(dir))
        if (profile.id == id) return profile;
    throw std::logic_error("no lab profile " + id);
}

bool has_error_naming(const json& report, const std::string& target, const std::string& text) {
    for (const auto& error : report.at("errors"))
        if (error.at("target") == target && error.at("message").get<std::string>().find(text) != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST_CASE("discover: 4,200 junk datagrams from one host do not hide another host's genuine SADP answer") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const std::filesystem::path devices = CAMAUDIT_SOURCE_LAB_DIR;
    auto genuine = profile_named(devices, "udp-only-hik-sadp-ds2cd2143g0-i");
    genuine.data["reply_delay_ms"] = 450;  // a real device's random delay: the junk arrives first
    const auto flood = profile_named(devices / ".." / "hostile", "hostile-junk-flood");
    Segment segment({&flood, &genuine});
    segment.start_udp_responders();
    const auto& flooder = segment.devices().at(0);
    const auto& camera = segment.devices().at(1);
    REQUIRE(flooder.id == "hostile-junk-flood");

    const auto result = run_command("ip netns exec " + segment.scanner_netns() + " " + std::string(CAMAUDIT_BIN) +
                                    " discover --interface seg0 --probes sadp --duration 2s --quiet --out -");
    INFO(result.err);
    const auto report = json::parse(result.out, nullptr, false);
    REQUIRE(report.is_object());
    const json* hik = device_at(report, camera.address.to_string());
    REQUIRE(hik != nullptr);  // before issue 14: the junk filled the probe's cap of 4,096 and hid it
    CHECK(has_evidence_from(*hik, "sadp"));
    CHECK(hik->at("vendor").get<std::string>().find("Hikvision") != std::string::npos);
    CHECK(hik->at("compliance").at("status") == "prohibited");
    CHECK(result.exit_code == 1);
    // The flooder's excess is counted and the host named, not silently lost.
    CHECK(has_error_naming(report, flooder.address.to_string() + ":37020", "dropped past the cap"));
    CHECK(std::stoul(report.at("scan").at("options").at("over_cap_dropped").get<std::string>()) > 1000);
}
