// Proves a waiver turns a prohibited finding into `waived` until its expiry day and not a
// day longer (then the finding says the waiver lapsed), matches by MAC, serial or address,
// that a bad date, an unknown or missing field stops the run naming file, line and field, and
// that a waiver keyed on an unobserved MAC, a MAC on two devices or a shared serial is refused.
#include <policy/waivers.hpp>

#include <camaudit/error.hpp>

#include "../report/sample_report.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

namespace {

using namespace std::chrono;
using camaudit::ComplianceStatus;
using camaudit::policy::parse_waivers;

const char* good = R"(# approved exceptions
[[waiver]]
mac = "44:47:CC:01:02:03"
regulation = "us-ndaa-889"
reason = "replacement ordered, PO 4471"
approver = "J. Doe, CISO"
expires = 2026-06-30
)";

}  // namespace

TEST_CASE("waivers: waived until the expiry day, prohibited again after it, with the lapse said") {
    const auto waivers = parse_waivers(good, "site-waivers.toml");
    REQUIRE(waivers.size() == 1);
    CHECK(waivers[0].origin == "site-waivers.toml:2");

    auto before = camaudit::test::sample_report();
    camaudit::policy::apply_waivers(before.devices, waivers, year{2026} / June / 30);
    const auto& waived = before.devices[0].compliance;
    CHECK(waived.status == ComplianceStatus::waived);
    CHECK(waived.findings[0].status == "waived");
    CHECK(waived.findings[0].reason.find("Waived until 2026-06-30 (approved by J. Doe, CISO: replacement ordered") !=
          std::string::npos);
    CHECK(before.devices[1].compliance.status == ComplianceStatus::allowed);

    auto after = camaudit::test::sample_report();
    camaudit::policy::apply_waivers(after.devices, waivers, year{2026} / July / 1);
    CHECK(after.devices[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(after.devices[0].compliance.findings[0].status == "prohibited");
    CHECK(after.devices[0].compliance.findings[0].reason.find("The waiver lapsed on 2026-06-30") != std::string::npos);
}

TEST_CASE("waivers: matched by address or serial, another regulation or device is untouched") {
    auto report = camaudit::test::sample_report();
    report.devices[0].serial = "DS-123";
    const auto by_address = parse_waivers(
        "[[waiver]]\naddress = \"10.20.0.5\"\nregulation = \"other-rule\"\nreason = \"r\"\napprover = \"a\"\n"
        "expires = \"2030-01-01\"\n[[waiver]]\nserial = \"DS-123\"\nregulation = \"us-ndaa-889\"\nreason = \"r\"\n"
        "approver = \"a\"\nexpires = 2030-01-01\n", "w.toml");
    camaudit::policy::apply_waivers(report.devices, by_address, year{2026} / January / 1);
    CHECK(report.devices[0].compliance.status == ComplianceStatus::waived);
    auto other = camaudit::test::sample_report();
    camaudit::policy::apply_waivers(other.devices, {by_address[0]}, year{2026} / January / 1);
    CHECK(other.devices[0].compliance.status == ComplianceStatus::prohibited);
}

TEST_CASE("waivers: bad date, unknown field and missing field name file, line and field") {
    const auto fails_with = [](const std::string& text, const std::string& expected) {
        CHECK_THROWS_WITH_AS(parse_waivers(text, "w.toml"), doctest::Contains(expected.c_str()), camaudit::UsageError);
    };
    const std::string head = "[[waiver]]\nmac = \"44:47:cc:01:02:03\"\nregulation = \"us-ndaa-889\"\nreason = \"r\"\n";
    fails_with(head + "approver = \"a\"\nexpires = \"2026-02-30\"\n", "w.toml:6: field 'expires': 2026-02-30 is not a real date");
    fails_with(head + "approver = \"a\"\nexpires = \"next year\"\n", "w.toml:6: field 'expires': 'next year' is not a date");
    fails_with(head + "approver = \"a\"\nexpires = 2026-13-01\n", "w.toml:6: field 'expires'");
    fails_with(head + "approved_by = \"a\"\nexpires = 2026-01-01\n", "w.toml:5: field 'approved_by': unknown field");
    fails_with(head + "expires = 2026-01-01\n", "w.toml:1: field 'approver': missing");
}

TEST_CASE("waivers: a file that cannot be read is a usage error naming it") {
    camaudit::test::TempDir dir;
    CHECK_THROWS_WITH_AS(camaudit::policy::load_waivers(dir.path() / "none.toml"), doctest::Contains("none.toml"),
                         camaudit::UsageError);
    camaudit::test::write_file(dir.path() / "w.toml", good);
    CHECK(camaudit::policy::load_waivers(dir.path() / "w.toml").size() == 1);
}

TEST_CASE("waivers: a waiver on one rule leaves the device reported by its other open finding") {
    auto report = camaudit::test::sample_report();
    auto db = camaudit::policy::RegulationDb::load(CAMAUDIT_SOURCE_DATA_DIR);
    camaudit::policy::apply_policy(report.devices, db.select({"us-ndaa-889", "ca-ica-hikvision-2025"}));
    auto& hikvision = report.devices[0].compliance;
    REQUIRE(hikvision.findings.size() == 2);
    const auto open_before = hikvision.status;
    REQUIRE(open_before != ComplianceStatus::waived);

    const auto one_rule = parse_waivers(good, "site-waivers.toml");  // us-ndaa-889 only
    camaudit::policy::apply_waivers(report.devices, one_rule, year{2026} / January / 1);
    const auto status_of = [&](const char* rule) {
        for (const auto& f : hikvision.findings)
            if (f.policy == rule) return f.status;
        return std::string("absent");
    };
    CHECK(status_of("us-ndaa-889") == "waived");
    CHECK(status_of("ca-ica-hikvision-2025") != "waived");
    CHECK(hikvision.status != ComplianceStatus::waived);
    CHECK(std::string(camaudit::to_string(hikvision.status)) == status_of("ca-ica-hikvision-2025"));

    std::string both = good;
    both += "[[waiver]]\nmac = \"44:47:cc:01:02:03\"\nregulation = \"ca-ica-hikvision-2025\"\nreason = \"r\"\n"
            "approver = \"a\"\nexpires = 2030-01-01\n";
    camaudit::policy::apply_waivers(report.devices, parse_waivers(both, "w.toml"), year{2026} / January / 1);
    CHECK(hikvision.status == ComplianceStatus::waived);
}

namespace {

bool reason_says(const camaudit::Device& d, const std::string& text) {
    return d.compliance.findings.at(0).reason.find(text) != std::string::npos;
}

}  // namespace

// Refusals (issue 14): a waiver keyed on something camaudit did not observe waives nothing
// and says why. The last session's draft of these indexed the twin as devices[1] (the
// sample's Axis) instead of the copy appended at the end, so its twin-MAC case failed on a
// correct refusal.
TEST_CASE("waiver refusals: a MAC only claimed by the device waives nothing and says why") {
    auto report = camaudit::test::sample_report();
    report.devices[0].mac_on_wire = false;  // the MAC came from its own SADP answer, not ARP
    camaudit::policy::apply_waivers(report.devices, parse_waivers(good, "site-waivers.toml"), year{2026} / June / 1);
    CHECK(report.devices[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(report.devices[0].compliance.findings[0].status == "prohibited");
    CHECK(reason_says(report.devices[0], "The waiver of site-waivers.toml:2 was not applied: the MAC is only what the device says"));
}

TEST_CASE("waiver refusals: a MAC the wire shows on two devices waives neither") {
    auto report = camaudit::test::sample_report();
    const camaudit::Device original = report.devices[0];
    report.devices.push_back(original);
    auto& twin = report.devices.back();  // a second device on the wire with the same MAC
    twin.ip = "10.20.0.6";
    camaudit::policy::apply_waivers(report.devices, parse_waivers(good, "site-waivers.toml"), year{2026} / June / 1);
    for (const auto* d : {&report.devices[0], &report.devices.back()}) {
        INFO(d->ip);
        CHECK(d->compliance.status == ComplianceStatus::prohibited);
        CHECK(reason_says(*d, "not applied: another device on the wire shows the same MAC"));
    }
    CHECK(report.devices[1].compliance.status == ComplianceStatus::allowed);  // the Axis, untouched

    auto alone = camaudit::test::sample_report();  // the control: one device with that MAC is waived
    camaudit::policy::apply_waivers(alone.devices, parse_waivers(good, "site-waivers.toml"), year{2026} / June / 1);
    CHECK(alone.devices[0].compliance.status == ComplianceStatus::waived);
}

TEST_CASE("waiver refusals: a serial another device of the report names waives nothing") {
    const auto by_serial = parse_waivers("[[waiver]]\nserial = \"DS-123\"\nregulation = \"us-ndaa-889\"\nreason = \"r\"\n"
                                         "approver = \"a\"\nexpires = 2030-01-01\n", "w.toml");
    auto report = camaudit::test::sample_report();
    report.devices[0].serial = "DS-123";
    report.devices[0].shared_identity.push_back({"serial", "DS-123", {"10.20.0.9"}});
    camaudit::policy::apply_waivers(report.devices, by_serial, year{2026} / January / 1);
    CHECK(report.devices[0].compliance.status == ComplianceStatus::prohibited);
    CHECK(reason_says(report.devices[0], "another device of this report names the same serial"));

    auto unique = camaudit::test::sample_report();  // the control: an unshared serial is waived
    unique.devices[0].serial = "DS-123";
    camaudit::policy::apply_waivers(unique.devices, by_serial, year{2026} / January / 1);
    CHECK(unique.devices[0].compliance.status == ComplianceStatus::waived);
}
