// Proves each policy profile's statuses and exit code (one test per profile, from the examples
// its file holds and from facts of its rules), the default profile's statuses from what each
// rule forbids, and that a bad profile file or name stops the run with a message naming it.
#include <policy/profiles.hpp>

#include <camaudit/error.hpp>

#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>

namespace {

using camaudit::ComplianceStatus;
using camaudit::Device;
using camaudit::policy::FailOn;
using camaudit::policy::ProfileDb;
using camaudit::policy::RegulationDb;

const RegulationDb& regulations() {
    static const RegulationDb db = RegulationDb::load(CAMAUDIT_SOURCE_DATA_DIR);
    return db;
}

const ProfileDb& profiles() {
    static const ProfileDb db = ProfileDb::load(CAMAUDIT_SOURCE_DATA_DIR, regulations());
    return db;
}

Device confident(std::string vendor, std::string brand = {}) {
    Device d;
    d.ip = "198.18.0.10";
    d.vendor = std::move(vendor);
    d.brand = brand.empty() ? d.vendor : std::move(brand);
    d.relabel = d.brand != d.vendor;
    d.device_type = "camera";
    d.confidence = 0.92;
    d.evidence = {{"onvif", 80, "onvif.device_information.manufacturer", d.brand, "onvif-maker",
                   "vendor=" + d.vendor, 0.8, ""}};
    return d;
}

// The statuses a profile (nullptr: the default) gives these devices.
std::vector<Device> judged(const camaudit::policy::Profile* profile, std::vector<Device> devices,
                           const std::vector<std::string>& ids = {}) {
    camaudit::policy::apply_policy(devices, camaudit::policy::select_rules(regulations(), profile, ids));
    return devices;
}

// The exit code a scan finding these devices gives with --fail-on `fail_on` (complete run).
int exit_code(const std::vector<Device>& devices, FailOn fail_on = FailOn::prohibited) {
    return std::any_of(devices.begin(), devices.end(),
                       [&](const Device& d) { return camaudit::policy::fails(d.compliance.status, fail_on); })
               ? 1 : 0;
}

const camaudit::Finding& finding(const Device& d, const std::string& policy) {
    const auto& f = d.compliance.findings;
    const auto it = std::find_if(f.begin(), f.end(), [&](const camaudit::Finding& x) { return x.policy == policy; });
    REQUIRE_MESSAGE(it != f.end(), "no finding under " << policy);
    return *it;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every example in the profile's file gets its status; the exit code is 1 exactly when one
// of them is prohibited. Returns the profile for the test's own checks.
const camaudit::policy::Profile& check_examples(const std::string& id) {
    const auto& profile = profiles().find(id);
    REQUIRE_FALSE(profile.examples.empty());
    for (const auto& example : profile.examples) {
        const auto devices = judged(&profile, {confident(example.vendor, example.brand)});
        CHECK_MESSAGE(devices[0].compliance.status == example.status,
                      id << ": " << example.vendor << "/" << example.brand << " is "
                         << to_string(devices[0].compliance.status) << ", the file says " << to_string(example.status));
        CHECK(exit_code(devices) == (example.status == ComplianceStatus::prohibited ? 1 : 0));
    }
    return profile;
}

}  // namespace

TEST_CASE("profile us-federal-agency: §889 prohibits, the FCC list is advisory and does not fail the run") {
    const auto& p = check_examples("us-federal-agency");
    const auto hik = judged(&p, {confident("Hikvision")});
    CHECK(hik[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(finding(hik[0], "us-ndaa-889").status == "prohibited");
    CHECK(has(finding(hik[0], "us-ndaa-889").reason, "Under profile us-federal-agency"));
    CHECK(finding(hik[0], "us-fcc-covered-list").status == "advisory");
    CHECK(has(finding(hik[0], "us-fcc-covered-list").reason, "Status advisory under profile us-federal-agency"));
    // Texas names Uniview; a federal agency's verdict no longer comes from Texas.
    const auto uniview = judged(&p, {confident("Uniview")});
    CHECK(uniview[0].compliance.status == ComplianceStatus::allowed);
    CHECK(uniview[0].compliance.findings.empty());
    CHECK(exit_code(uniview) == 0);
    // Only the FCC list: advisory, exit 0 on --fail-on prohibited and review, 1 on advisory.
    const auto fcc_only = judged(&p, {confident("Hikvision")}, {"us-fcc-covered-list"});
    CHECK(fcc_only[0].compliance.status == ComplianceStatus::advisory);
    CHECK(exit_code(fcc_only, FailOn::prohibited) == 0);
    CHECK(exit_code(fcc_only, FailOn::review) == 0);
    CHECK(exit_code(fcc_only, FailOn::unknown) == 0);
    CHECK(exit_code(fcc_only, FailOn::advisory) == 1);
}

TEST_CASE("profile us-federal-contractor: §889(a)(1)(B) bars use anywhere in the business") {
    const auto& p = check_examples("us-federal-contractor");
    const auto dahua = judged(&p, {confident("Dahua", "Amcrest")});
    CHECK(exit_code(dahua) == 1);
    CHECK(has(finding(dahua[0], "us-ndaa-889").reason, "§889(a)(1)(B)"));
    CHECK(finding(dahua[0], "us-fcc-covered-list").status == "advisory");
}

TEST_CASE("profile ca-federal: Hikvision prohibited, its other brands review, Dahua not named") {
    const auto& p = check_examples("ca-federal");
    const auto devices = judged(&p, {confident("Hikvision"), confident("Hikvision", "EZVIZ"), confident("Dahua")});
    CHECK(devices[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(devices[1].compliance.status == ComplianceStatus::review);
    CHECK(devices[2].compliance.status == ComplianceStatus::allowed);
    CHECK(exit_code({devices[1], devices[2]}) == 0);
    CHECK(exit_code({devices[1], devices[2]}, FailOn::review) == 1);
}

TEST_CASE("profile uk-central-gov: Hikvision and Dahua prohibited under the 2022 statement only") {
    const auto& p = check_examples("uk-central-gov");
    REQUIRE(p.rules.size() == 1);
    CHECK(p.rules[0].regulation == "uk-sensitive-sites-2022");
    const auto devices = judged(&p, {confident("Dahua")});
    CHECK(devices[0].compliance.findings.size() == 1);
    CHECK(has(devices[0].compliance.findings[0].reason, "core networks"));
    CHECK(exit_code(devices) == 1);
}

TEST_CASE("profile au-commonwealth: review outside Defence, exit 0 unless --fail-on review") {
    const auto& p = check_examples("au-commonwealth");
    const auto devices = judged(&p, {confident("Hikvision")});
    CHECK(devices[0].compliance.status == ComplianceStatus::review);
    CHECK(has(devices[0].compliance.findings.at(0).reason, "Status review under profile au-commonwealth"));
    CHECK(exit_code(devices) == 0);
    CHECK(exit_code(devices, FailOn::review) == 1);
}

TEST_CASE("profile au-defence: the Defence sites the 2023 decision clears are prohibited") {
    const auto& p = check_examples("au-defence");
    CHECK(exit_code(judged(&p, {confident("Dahua")})) == 1);
}

TEST_CASE("profile us-tx-state-agency: Texas's own list (Uniview) prohibits, §889 and FCC only advise") {
    const auto& p = check_examples("us-tx-state-agency");
    const auto devices = judged(&p, {confident("Uniview"), confident("Hikvision")});
    CHECK(devices[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(finding(devices[1], "us-ndaa-889").status == "advisory");
    CHECK(finding(devices[1], "us-tx-prohibited-technologies").status == "prohibited");
    CHECK(exit_code(devices) == 1);
}

TEST_CASE("every shipped profile has examples that hold, and the issue's six organisations are there") {
    for (const char* id : {"us-federal-agency", "us-federal-contractor", "ca-federal", "uk-central-gov",
                           "au-commonwealth", "us-tx-state-agency"})
        CHECK_NOTHROW(profiles().find(id));
    for (const auto& p : profiles().all()) CHECK_NOTHROW(check_examples(p.id));
}

TEST_CASE("default profile: each finding's status follows from what its rule forbids") {
    const auto devices = judged(nullptr, {confident("Hikvision")});
    CHECK(devices[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(finding(devices[0], "us-ndaa-889").status == "prohibited");            // use (contractors)
    CHECK(finding(devices[0], "ca-ica-hikvision-2025").status == "prohibited");  // use
    const auto& fcc = finding(devices[0], "us-fcc-covered-list");
    CHECK(fcc.status == "advisory");  // new authorisations only
    CHECK(has(fcc.reason, "Status advisory: the rule forbids new_authorisation, not the use of equipment already installed"));
    CHECK(finding(devices[0], "us-bis-entity-list-2019").status == "advisory");  // export
    CHECK(finding(devices[0], "us-la-sb15-2021").status == "advisory");          // procurement
    CHECK(finding(devices[0], "au-gov-2023").status == "review");                // premises
    CHECK(has(finding(devices[0], "eu-parliament-hikvision-2021").reason, "premises it names only"));
    // The FCC list alone: advisory, never prohibited.
    const auto fcc_only = judged(nullptr, {confident("Dahua")}, {"us-fcc-covered-list"});
    CHECK(fcc_only[0].compliance.status == ComplianceStatus::advisory);
    CHECK(exit_code(fcc_only) == 0);
}

TEST_CASE("an advisory finding leaves a camera of unknown maker unknown") {
    Device nameless;
    nameless.ip = "198.18.0.11";
    nameless.device_type = "camera";
    const auto devices = judged(nullptr, {nameless}, {"in-cctv-essential-requirements-2024"});
    CHECK(devices[0].compliance.status == ComplianceStatus::unknown);
    CHECK(devices[0].compliance.findings.at(0).status == "advisory");
}

TEST_CASE("an unknown profile name is a usage error listing the valid ones") {
    try {
        profiles().find("us-federal");
        FAIL("no error");
    } catch (const camaudit::UsageError& e) {
        CHECK(has(e.what(), "unknown profile 'us-federal'"));
        CHECK(has(e.what(), "all, au-commonwealth"));
        CHECK(has(e.what(), "us-tx-state-agency"));
    }
}

TEST_CASE("--policy narrows a profile to its own rules; one outside it is a usage error") {
    const auto& p = profiles().find("ca-federal");
    CHECK(camaudit::policy::select_rules(regulations(), &p, {"ca-ica-hikvision-2025"}).size() == 1);
    CHECK_THROWS_AS(camaudit::policy::select_rules(regulations(), &p, {"us-ndaa-889"}), camaudit::UsageError);
}

TEST_CASE("a profile file that names an unknown rule or prohibits under a rule that bars no use stops the run") {
    camaudit::test::TempDir dir;
    std::filesystem::copy(CAMAUDIT_SOURCE_DATA_DIR "/regulations", dir.path() / "regulations",
                          std::filesystem::copy_options::recursive);
    const auto db = RegulationDb::load(dir.path());
    const auto profile_file = dir.path() / "regulations" / "profiles" / "xx-test.json";
    auto write = [&](const std::string& rule, const std::string& status) {
        camaudit::test::write_file(profile_file, R"({"id": "xx-test", "title": "Test", "description": "Test.",
          "rules": [{"regulation": ")" + rule + R"(", "status": ")" + status + R"(", "why": "profile xx-test: test"}],
          "examples": [{"vendor": "Axis", "status": "allowed"}]})");
    };
    write("us-fcc-covered-list", "prohibited");
    try {
        ProfileDb::load(dir.path(), db);
        FAIL("no error");
    } catch (const camaudit::DataError& e) {
        CHECK(has(e.what(), "xx-test.json: field 'status'"));
        CHECK(has(e.what(), "forbids neither use nor premises"));
    }
    write("us-ndaa-899", "advisory");
    CHECK_THROWS_WITH_AS(ProfileDb::load(dir.path(), db), doctest::Contains("'us-ndaa-899'"), camaudit::DataError);
    write("us-fcc-covered-list", "advisory");
    CHECK(ProfileDb::load(dir.path(), db).find("xx-test").rules.size() == 1);
}
