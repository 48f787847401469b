// Proves what a user sees from `camaudit scan --profile NAME` against the device lab: the
// profile stated at the top of the report and in its JSON, each device's status under that
// organisation's rules, and the exit code that follows; the default stated once on stderr.
#include "lab_scan.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using camaudit::testing::contains;
using camaudit::testing::device_at;
using camaudit::testing::in_lab_camaudit;
using camaudit::testing::lab_address_of;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// Three lab cameras: a Hikvision (every profile's rules name it), a Uniview (only Texas's list
// does) and an Axis (no rule does).
struct Trio {
    std::string hikvision = lab_address_of("hik-ipc-ds2cd2142fwd-i-v550");
    std::string uniview = lab_address_of("uniview-ipc2122lb");
    std::string axis = lab_address_of("axis-m1065lw-fw9");
};

struct ProfileScan {
    int exit_code = -1;
    std::string err;
    json report;
    std::string html;  // the same report as --html
};

ProfileScan scan_trio(const Trio& t, const std::string& extra) {
    const auto dir = camaudit::testing::fresh_temp_dir("profile-scan");
    const auto json_path = dir / "report.json", html_path = dir / "report.html";
    const auto result = run_command(in_lab_camaudit() + " scan " + t.hikvision + " " + t.uniview + " " + t.axis +
                                    " --rate 20000 --seed 7 " + extra + " --out " + json_path.string() +
                                    " --html " + html_path.string());
    ProfileScan s{result.exit_code, result.err, json(), camaudit::testing::read_file(html_path)};
    const auto text = camaudit::testing::read_file(json_path);
    REQUIRE_MESSAGE(!text.empty(), "no report; stderr: " << result.err);
    s.report = json::parse(text);
    return s;
}

std::string status_at(const json& report, const std::string& address) {
    const json* device = device_at(report, address);
    REQUIRE_MESSAGE(device != nullptr, "no device at " << address);
    return device->at("compliance").at("status");
}

std::string finding_status(const json& report, const std::string& address, const std::string& policy) {
    for (const auto& f : device_at(report, address)->at("compliance").at("findings"))
        if (f.at("policy") == policy) return f.at("status");
    return "(none)";
}

}  // namespace

TEST_CASE("scan --profile us-federal-agency: Hikvision prohibited by §889, FCC advisory, Uniview allowed, exit 1") {
    const Trio t;
    const auto s = scan_trio(t, "--profile us-federal-agency");
    CHECK(s.exit_code == 1);
    CHECK(s.report.at("scan").at("policy_profile") == "us-federal-agency");
    CHECK(s.report.at("scan").at("policies") == json{"us-ndaa-889", "us-fcc-covered-list", "us-bis-entity-list-2019"});
    CHECK(status_at(s.report, t.hikvision) == "prohibited");
    CHECK(finding_status(s.report, t.hikvision, "us-fcc-covered-list") == "advisory");
    CHECK(status_at(s.report, t.uniview) == "allowed");  // Texas's list is not a federal agency's
    CHECK(status_at(s.report, t.axis) == "allowed");
    CHECK(contains(s.html, "<p id=\"profile\">policy profile: us-federal-agency (US federal executive agency)</p>"));
    CHECK(s.html.find("policy profile:") < s.html.find("<section"));  // at the top
    CHECK_FALSE(contains(s.err, "no --profile given"));
}

TEST_CASE("scan --profile us-tx-state-agency: Texas's own list makes Uniview prohibited") {
    const Trio t;
    const auto s = scan_trio(t, "--profile us-tx-state-agency");
    CHECK(s.exit_code == 1);
    CHECK(status_at(s.report, t.uniview) == "prohibited");
    CHECK(finding_status(s.report, t.hikvision, "us-ndaa-889") == "advisory");
    CHECK(status_at(s.report, t.axis) == "allowed");
}

TEST_CASE("scan --profile au-commonwealth: review, exit 0; --fail-on review makes it 1") {
    const Trio t;
    const auto s = scan_trio(t, "--profile au-commonwealth");
    CHECK(s.exit_code == 0);
    CHECK(status_at(s.report, t.hikvision) == "review");
    CHECK(s.report.at("summary").at("review") == 1);
    CHECK(scan_trio(t, "--profile au-commonwealth --fail-on review").exit_code == 1);
}

TEST_CASE("a rule that bars no use is advisory: exit 0 unless --fail-on advisory") {
    const Trio t;
    const auto s = scan_trio(t, "--profile us-federal-agency --policy us-fcc-covered-list");
    CHECK(status_at(s.report, t.hikvision) == "advisory");
    CHECK(s.report.at("summary").at("advisory") == 1);
    CHECK(s.exit_code == 0);
    CHECK(scan_trio(t, "--profile us-federal-agency --policy us-fcc-covered-list --fail-on review").exit_code == 0);
    CHECK(scan_trio(t, "--profile us-federal-agency --policy us-fcc-covered-list --fail-on advisory").exit_code == 1);
}

TEST_CASE("no --profile: the default is stated once on stderr and in the report") {
    const auto& scan = camaudit::testing::lab_scan();
    const std::string note = "no --profile given: profile 'all'";
    const auto first = scan.stderr_text.find(note);
    CHECK(first != std::string::npos);
    CHECK(scan.stderr_text.find(note, first + 1) == std::string::npos);
    CHECK(scan.report.at("scan").at("policy_profile") == "all");
    CHECK(scan.report.at("scan").at("policy_profile_title") == "");
}

TEST_CASE("an unknown profile is exit 2 listing the valid names; camaudit policies lists them") {
    const auto bad = run_command(std::string(CAMAUDIT_BIN) + " scan 127.0.0.1 --profile us-federal --out -");
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "unknown profile 'us-federal'"));
    CHECK(contains(bad.err, "us-federal-agency"));
    CHECK(contains(bad.err, "ca-federal"));
    CHECK(bad.out.empty());
    const auto outside = run_command(std::string(CAMAUDIT_BIN) + " scan 127.0.0.1 --profile ca-federal --policy us-ndaa-889 --out -");
    CHECK(outside.exit_code == 2);
    CHECK(contains(outside.err, "not a rule of profile 'ca-federal'"));
    const auto listed = run_command(std::string(CAMAUDIT_BIN) + " policies");
    CHECK(listed.exit_code == 0);
    CHECK(contains(listed.out, "Policy profiles (--profile NAME):"));
    CHECK(contains(listed.out, "uk-central-gov\n  UK central government department\n  rules: uk-sensitive-sites-2022 prohibited"));
    CHECK(contains(listed.out, "forbids: new_authorisation; without a profile: advisory"));
}
