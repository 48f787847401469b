// Issue 14, attack 1 through the real binaries: a hostile lab host answers DHIP and SSDP
// with a Dahua IPC-HFW2431S-S-S2 claim sent from the nginx decoy's address
// (tests/lab/spoofers/). The scan must not plant Dahua on the innocent host: its report entry,
// status and `camaudit diff` against a clean run stay as they were, and the ignored datagrams
// are named in the report's errors.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using camaudit::testing::contains;
using camaudit::testing::device_at;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::has_evidence_from;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::filesystem::path lab_dir = CAMAUDIT_SOURCE_LAB_DIR;
const std::filesystem::path spoofer = std::filesystem::path(CAMAUDIT_SOURCE_DIR) / "tests/lab/spoofers/hostile-dahua-answers-as-nginx.json";
constexpr const char* victim = "decoy-nginx-ubuntu";
// Placed in id order: the decoy first, the spoofer (when present) second.
constexpr const char* victim_ip = "127.0.1.1";

struct Run {
    json report;
    std::filesystem::path file;
    std::string err;
};

Run scan(const std::string& name, bool attacked) {
    const auto dir = fresh_temp_dir("forged-udp-" + name);
    const auto devices = dir / "devices";
    std::filesystem::create_directories(devices);
    std::filesystem::copy_file(lab_dir / (std::string(victim) + ".json"), devices / (std::string(victim) + ".json"));
    if (attacked) std::filesystem::copy_file(spoofer, devices / spoofer.filename());
    const auto out = dir / "r.json";
    const auto result = run_command(std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string() + " -- " +
                                    CAMAUDIT_BIN + " scan 127.0.1.1-127.0.1.2 --rate 20000 --seed 7 --quiet --out " +
                                    out.string());
    REQUIRE_MESSAGE(result.exit_code <= 1, result.err);
    return {json::parse(read_file(out)), out, result.err};
}

const Run& clean() {
    static const Run run = scan("clean", false);
    return run;
}

const Run& attacked() {
    static const Run run = scan("attacked", true);
    return run;
}

}  // namespace

TEST_CASE("forged udp: DHIP and SSDP answers sent with the nginx decoy's address plant nothing on it") {
    const auto* before = device_at(clean().report, victim_ip);
    const auto* after = device_at(attacked().report, victim_ip);
    REQUIRE(before != nullptr);
    REQUIRE(after != nullptr);
    INFO(after->dump(2));
    CHECK(after->value("vendor", "") != "Dahua");
    CHECK(after->value("model", "") != "IPC-HFW2431S-S-S2");
    CHECK_FALSE(has_evidence_from(*after, "dhip"));
    CHECK(after->at("compliance").at("status") == before->at("compliance").at("status"));
    CHECK(after->value("vendor", "") == before->value("vendor", ""));
}

TEST_CASE("forged udp: the report names the ignored datagrams under the address they claim") {
    bool named = false;
    for (const auto& error : attacked().report.at("errors"))
        named |= error.at("target").get<std::string>() == std::string(victim_ip) + ":37810" &&
                 contains(error.at("message").get<std::string>(), "forged");
    CHECK(named);
}

TEST_CASE("forged udp: camaudit diff between the clean and the attacked run shows no new violation") {
    const auto result = run_command(std::string(CAMAUDIT_BIN) + " diff --format json " + clean().file.string() + " " +
                                    attacked().file.string());
    INFO(result.out);
    CHECK(result.exit_code == 0);
    const auto diff = json::parse(result.out);
    for (const char* list : {"added", "changed"})
        for (const auto& d : diff.at(list)) CHECK(d.value("ip", "") != victim_ip);
    const auto text = run_command(std::string(CAMAUDIT_BIN) + " diff " + clean().file.string() + " " + attacked().file.string());
    CHECK_FALSE(contains(text.out, "NEW VIOLATION"));
}
