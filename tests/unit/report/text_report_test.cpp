// Proves the terminal summary names the counts, the vendors and each prohibited device with
// its policy, and that the text format lists every device's fields, ports, evidence and
// findings without passing a device's control bytes to the terminal.
#include <report/report_writer.hpp>

#include "sample_report.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("terminal summary: counts, vendors, counts per regulation, then the prohibited device") {
    const auto text = camaudit::report::terminal_summary(camaudit::test::sample_report());
    const auto l = lines(text);
    REQUIRE(l.size() == 8);
    CHECK(l[0] == "camaudit: scanned 256 addresses, 3 hosts up, 3 devices (3 cameras)");
    CHECK(l[1] == "vendors: Axis 1, Hikvision 1");
    CHECK(l[2] == "compliance: 1 prohibited, 0 review, 0 waived, 1 unknown");
    CHECK(l[3] == "by regulation:");
    CHECK(l[4].starts_with("  us-ndaa-889                         1 prohibited    0 review   United States (federal): "));
    CHECK(l[5] == "flagged devices:");
    CHECK(l[6] == "  10.20.0.5       prohibited Hikvision CS-C6N (brand EZVIZ, relabel)  [us-ndaa-889]");
    CHECK(l[7] == "errors: 1 (see the report)");
    CHECK_FALSE(has(text, "10.20.0.7"));  // allowed devices stay off the short summary
    CHECK_FALSE(has(text, "\x1b"));       // no colour unless asked
}

TEST_CASE("terminal summary of a passive run counts packets, not addresses") {
    auto report = camaudit::test::sample_report();
    report.scan.mode = "passive";
    report.scan.capture_stats["packets"] = 12345;
    CHECK(lines(camaudit::report::terminal_summary(report))[0] == "camaudit: listened to 12345 packets, 3 devices (3 cameras)");
}

TEST_CASE("terminal summary: review devices follow prohibited ones, an interrupted run says so") {
    auto report = camaudit::test::sample_report();
    report.scan.complete = false;
    auto weak = camaudit::test::sample_hikvision();
    weak.ip = "10.20.0.6";
    weak.vendor = "Dahua";
    weak.brand = "";
    weak.relabel = false;
    weak.model = "";
    weak.confidence = 0.3;
    report.devices.insert(report.devices.begin(), weak);
    camaudit::policy::apply_policy(report.devices,
                                   camaudit::policy::RegulationDb::load(CAMAUDIT_SOURCE_DATA_DIR).select({"us-ndaa-889"}));
    const auto l = lines(camaudit::report::terminal_summary(report));
    REQUIRE(l.size() == 9);
    CHECK(has(l[0], "incomplete"));
    CHECK(has(l[4], "us-ndaa-889                         1 prohibited    1 review"));
    CHECK(has(l[6], "10.20.0.5"));
    CHECK(l[7] == "  10.20.0.6       review     Dahua  [us-ndaa-889]");
}

TEST_CASE("text format: every device with its fields, ports, evidence and findings") {
    const auto report = camaudit::test::sample_report();
    const auto text = camaudit::report::find_format("text").render(report);
    CHECK(has(text, "scan scan-0001  mode active  started 2026-01-01T00:00:00Z  finished 2026-01-01T00:02:00Z"));
    CHECK(has(text, "summary: 3 devices, 3 cameras, 1 prohibited, 0 review, 0 waived, 1 unknown"));
    for (const auto& d : report.devices) CHECK(has(text, "device " + d.ip));
    CHECK(has(text, "vendor Hikvision  brand EZVIZ (OEM relabel)  confidence 0.92"));
    CHECK(has(text, "model CS-C6N  firmware V5.3.0"));
    CHECK(has(text, "open ports: 80/tcp http, 554/tcp rtsp"));
    CHECK(has(text, "http port 80 http.header.server = \"App-webs/\" -> vendor=Hikvision (rule hik-app-webs, weight 0.60) [GET /]"));
    CHECK(has(text, "[prohibited] us-ndaa-889 - United States (federal)"));
    CHECK(has(text, report.devices[0].compliance.findings[0].reason));
    CHECK(has(text, "status: unknown"));
    CHECK(has(text, "10.20.0.200 rtsp_options: connection reset"));
}

TEST_CASE("text views escape control bytes a device sent") {
    auto report = camaudit::test::sample_report();
    report.devices[0].evidence[0].value = "evil\x1b[2J\r\nbanner";
    report.devices[0].model = "M\x07";
    const auto text = camaudit::report::find_format("text").render(report);
    const auto summary = camaudit::report::terminal_summary(report);
    CHECK(has(text, "evil\\x1b[2J\\x0d\\x0abanner"));
    CHECK_FALSE(has(text, "\x1b"));
    CHECK_FALSE(has(summary, "\x07"));
    CHECK(has(summary, "Hikvision M\\x07"));
}

TEST_CASE("the policy profile opens the text report, the terminal summary and the HTML page") {
    auto report = camaudit::test::sample_report();
    report.scan.policy_profile = "ca-federal";
    report.scan.policy_profile_title = "Canadian federal department, agency or Crown corporation";
    const std::string line = "policy profile: ca-federal (Canadian federal department, agency or Crown corporation)";
    const auto text = camaudit::report::find_format("text").render(report);
    CHECK(has(text, line + "\n"));
    CHECK(text.find(line) < text.find("\ndevice "));
    CHECK(lines(camaudit::report::terminal_summary(report)).at(1) == line);
    const auto html = camaudit::report::render_html(report);
    CHECK(has(html, "<p id=\"profile\">" + line + "</p>"));
    CHECK(html.find(line) < html.find("<section"));
    report.scan.policy_profile = "all";
    report.scan.policy_profile_title.clear();
    CHECK(has(camaudit::report::find_format("text").render(report),
              "policy profile: all (default, no --profile given: every rule but the opt-in ones"));
}
