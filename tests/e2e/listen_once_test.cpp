// Issue 14: the same fact heard actively and passively counts once. Scans a namespaced
// Ethernet segment of lab devices (tests/lab/segment) twice, with and without
// `--passive-while-scanning seg0`: the listening scan hears the devices' own HTTP and RTSP
// answers again on the wire (passive:http, passive:rtsp evidence), yet every device's vendor,
// confidence and status, what the auditor sees, are the same in both reports. Needs root
// (exits 77, SKIPPED, without it).
#define DOCTEST_CONFIG_IMPLEMENT
#include "../skip_or_run.hpp"
#include "chosen_segment.hpp"
#include "lab_report.hpp"

#include <lab/segment_services.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

using camaudit::testing::device_at;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// Devices whose web answers name their maker on several markers: a second vote per marker
// would raise their confidence (Dahua, Axis) or cross a policy line (Hikvision).
const std::vector<std::string> ids = {"hik-ipc-ds2cd2032-i-v545", "dahua-ipc-hfw2228m-i1-v2", "axis-m1065lw-fw9",
                                      "decoy-nginx-ubuntu"};

struct Scans {
    json quiet, listening;
    std::vector<std::string> addresses;
};

json scan(const camaudit::lab::Segment& segment, const std::string& targets, const std::string& extra) {
    const auto dir = fresh_temp_dir("listen-once");
    chmod(dir.c_str(), 0777);  // the listening scan drops to "nobody" once its capture is open
    const auto out = dir / "r.json";
    const auto result = run_command("ip netns exec " + segment.scanner_netns() + " " + CAMAUDIT_BIN + " scan " + targets +
                                    " --rate 20000 --seed 7 --probes http,rtsp --no-progress " + extra + " --out " +
                                    out.string());
    INFO(result.err);
    REQUIRE(result.exit_code <= 1);
    return json::parse(read_file(out));
}

const Scans& scans() {
    static const Scans made = [] {
        Scans s;
        auto lab = camaudit::testing::chosen_segment(CAMAUDIT_SOURCE_LAB_DIR, ids);
        camaudit::lab::SegmentServices services(*lab.segment);
        std::string targets;
        for (const auto& device : lab.segment->devices()) {
            s.addresses.push_back(device.address.to_string());
            targets += (targets.empty() ? "" : " ") + device.address.to_string();
        }
        s.quiet = scan(*lab.segment, targets, "");
        s.listening = scan(*lab.segment, targets, "--passive-while-scanning seg0");
        return s;
    }();
    return made;
}

bool heard_passively(const json& device) {
    for (const auto& e : device.at("evidence"))
        if (e.value("source", "").starts_with("passive:")) return true;
    return false;
}

const char* missing_precondition() { return geteuid() == 0 ? nullptr : "needs root to build network namespaces"; }

}  // namespace

TEST_CASE("listen once: the listening scan hears the devices' answers again") {
    int heard = 0;
    for (const auto& address : scans().addresses)
        if (const auto* device = device_at(scans().listening, address)) heard += heard_passively(*device);
    CHECK(heard >= 2);
}

TEST_CASE("listen once: vendor, confidence and status are the same with and without listening") {
    for (const auto& address : scans().addresses) {
        INFO(address);
        const auto* quiet = device_at(scans().quiet, address);
        const auto* listening = device_at(scans().listening, address);
        REQUIRE(quiet != nullptr);
        REQUIRE(listening != nullptr);
        CHECK(listening->value("vendor", "") == quiet->value("vendor", ""));
        CHECK(listening->value("confidence", 0.0) == doctest::Approx(quiet->value("confidence", 0.0)));
        CHECK(listening->at("compliance").at("status") == quiet->at("compliance").at("status"));
    }
    // The reports' totals agree too: listening never adds a violation.
    CHECK(scans().listening.at("summary") == scans().quiet.at("summary"));
}

int main(int argc, char** argv) { return camaudit::testing::skip_or_run(missing_precondition(), argc, argv); }
