// Proves issue 14's attacks by hostile hosts on a namespaced segment. One host cannot silence
// `discover`: a host that floods the SADP listener with 4,200 junk datagrams is capped on its
// own and named in an error, while a genuine SADP camera answering 450 ms later (within
// WS-Discovery's 500 ms APP_MAX_DELAY, research §1) is still heard and prohibited. Two clones
// that repeat a waived camera's MAC and serial in SADP inherit none of its waivers (waivers
// match the MAC the wire shows), and all three devices are flagged as sharing them. Needs root.
#include "lab_report.hpp"

#include <lab/lab.hpp>
#include <lab/segment.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using camaudit::lab::Profile;
using camaudit::lab::Segment;
using camaudit::testing::device_at;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::has_evidence_from;
using camaudit::testing::read_file;
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

const json* finding_of(const json& device, const std::string& policy) {
    for (const auto& finding : device.at("compliance").at("findings"))
        if (finding.at("policy") == policy) return &finding;
    return nullptr;
}

// The addresses the device's shared_identity names for `key` = `value`.
std::vector<std::string> shared_with(const json& device, const std::string& key, const std::string& value) {
    for (const auto& shared : device.at("shared_identity"))
        if (shared.at("key") == key && shared.at("value") == value) return shared.at("others").get<std::vector<std::string>>();
    return {};
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

TEST_CASE("scan --arp: clones repeating a waived camera's MAC and serial inherit no waiver, and all three are flagged") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const std::filesystem::path devices = CAMAUDIT_SOURCE_LAB_DIR;
    const auto genuine = profile_named(devices, "udp-only-hik-sadp-ds2cd2143g0-i");
    const auto clone_a = profile_named(devices / ".." / "hostile", "hostile-identity-clone-a");
    const auto clone_b = profile_named(devices / ".." / "hostile", "hostile-identity-clone-b");
    Segment segment({&genuine, &clone_a, &clone_b});
    segment.start_udp_responders();
    const std::string mac = "44:19:b6:3c:21:7e", serial = "DS-2CD2143G0-I20190315AAWRD12345678";
    const auto dir = fresh_temp_dir("hostile-clones");
    chmod(dir.c_str(), 0777);  // the scan drops to "nobody" once its capture is open
    std::ofstream(dir / "waivers.toml") << "[[waiver]]\nmac = \"" << mac << "\"\nregulation = \"us-ndaa-889\"\n"
                                        << "reason = \"replacement ordered\"\napprover = \"CISO\"\nexpires = 2099-12-31\n";
    const auto out = dir / "clones.json";
    const auto result = run_command("ip netns exec " + segment.scanner_netns() + " " + std::string(CAMAUDIT_BIN) + " scan " +
                                    Segment::subnet + " --arp --interface seg0 --ports 80 --timeout 300 --probes sadp --waivers " +
                                    (dir / "waivers.toml").string() + " --out " + out.string());
    INFO(result.err);
    const auto report = json::parse(read_file(out), nullptr, false);
    REQUIRE(report.is_object());
    std::vector<std::string> addresses;
    for (const auto& device : segment.devices()) addresses.push_back(device.address.to_string());
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        INFO(segment.devices()[i].id << " at " << addresses[i]);
        const json* device = device_at(report, addresses[i]);
        REQUIRE(device != nullptr);
        const json* ndaa = finding_of(*device, "us-ndaa-889");
        REQUIRE(ndaa != nullptr);
        std::vector<std::string> others;
        for (std::size_t j = 0; j < addresses.size(); ++j)
            if (j != i) others.push_back(addresses[j]);
        CHECK(shared_with(*device, "mac", mac) == others);  // three devices name one MAC: each is flagged
        CHECK(shared_with(*device, "serial", serial) == others);
        if (segment.devices()[i].id == genuine.id) {
            CHECK(device->at("mac") == mac);
            CHECK(device->at("mac_on_wire") == true);
            CHECK(ndaa->at("status") == "waived");  // its MAC is the one on the wire
        } else {
            CHECK(device->at("mac") == segment.devices()[i].mac);  // the wire outranks its SADP claim
            CHECK(ndaa->at("status") != "waived");
            CHECK(device->at("compliance").at("status") != "waived");
        }
    }
}
