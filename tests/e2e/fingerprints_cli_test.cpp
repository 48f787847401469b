// Proves `camaudit fingerprints explain` and site signature folders as a user meets them:
// explain names the rules that hit a value (or a MAC, or a saved report's evidence) with
// their claims and weights; a --site-fingerprints folder adds rules on top of the installed
// ones, is covered by `fingerprints test`, and is refused (exit 2, file and rule named)
// when one of its ids collides.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::contains;
using camaudit::testing::run_command;
using nlohmann::json;

namespace {

const std::string camaudit_bin = CAMAUDIT_BIN;

// A site folder with one http.header.server rule (a site's own in-house camera firmware).
std::filesystem::path site_folder(const std::string& name, const std::string& id,
                                  const std::string& example = "AcmeCam/2.1") {
    const auto dir = fresh_temp_dir(name);
    const json rules = {
        {"key", "http.header.server"},
        {"rules", json::array({{{"id", id},
                                {"description", "in-house camera firmware of this site"},
                                {"source", "site inventory"},
                                {"pattern", "^AcmeCam/(?P<firmware>[0-9.]+)"},
                                {"device_type", "camera"},
                                {"product", "AcmeCam"},
                                {"weight", 0.6},
                                {"examples", json::array({{{"value", example}, {"captures", {{"firmware", "2.1"}}}}})},
                                {"counter_examples", json::array({"App-webs/"})}}})}};
    std::ofstream(dir / "http.header.server.json") << rules.dump(1);
    return dir;
}

std::filesystem::path saved_report() {
    const auto dir = fresh_temp_dir("explain-report");
    const json evidence = json::array(
        {{{"source", "http"}, {"port", 80}, {"field", "http.header.server"}, {"value", "App-webs/"},
          {"rule", "hikvision.server.app_webs"}, {"claim", "vendor=Hikvision"}, {"weight", 0.8}, {"context", "GET /"}}});
    const json report = {
        {"schema", "camaudit.report/1"},
        {"devices", json::array({{{"ip", "10.0.0.5"}, {"mac", "44:47:cc:01:02:03"}, {"vendor", "Hikvision"},
                                  {"confidence", 0.9}, {"compliance", {{"status", "prohibited"}}},
                                  {"open_ports", json::array({{{"port", 80}, {"proto", "tcp"}, {"service", "http"}}})},
                                  {"evidence", evidence}},
                                 {{"ip", "10.0.0.6"}, {"mac", ""}, {"vendor", ""}, {"evidence", json::array()}}})}};
    std::ofstream(dir / "r.json") << report.dump(1);
    return dir / "r.json";
}

}  // namespace

TEST_CASE("explain --key prints every matching rule with its claims, captures and weight") {
    const auto result = run_command(camaudit_bin + " fingerprints explain --key http.header.server 'App-webs/'");
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "hikvision.server.app_webs"));
    CHECK(contains(result.out, "weight 0.80"));
    CHECK(contains(result.out, "vendor=Hikvision"));
    CHECK(contains(result.out, "device_type=camera"));

    const auto none = run_command(camaudit_bin + " fingerprints explain --key http.header.server 'nothing-known/1.0'");
    CHECK(none.exit_code == 0);
    CHECK(contains(none.out, "no rule matches"));
}

TEST_CASE("explain --key mac shows the registry's organisation and the OUI claim") {
    const auto result = run_command(camaudit_bin + " fingerprints explain --key mac 44:47:cc:01:02:03");
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Hangzhou Hikvision Digital Technology Co.,Ltd."));
    CHECK(contains(result.out, "oui:44:47:CC"));
    CHECK(contains(result.out, "vendor=Hikvision"));
    const auto local = run_command(camaudit_bin + " fingerprints explain --key mac 46:47:cc:01:02:03");
    CHECK(local.exit_code == 0);
    CHECK(contains(local.out, "no claim"));
}

TEST_CASE("explain refuses an unknown key and a missing value with exit 2") {
    CHECK(run_command(camaudit_bin + " fingerprints explain --key no.such.key x").exit_code == 2);
    CHECK(run_command(camaudit_bin + " fingerprints explain --key http.header.server").exit_code == 2);
    CHECK(run_command(camaudit_bin + " fingerprints explain").exit_code == 2);
    CHECK(run_command(camaudit_bin + " fingerprints explain --report /nonexistent/r.json").exit_code == 2);
}

TEST_CASE("explain --report re-runs identification over a saved report's evidence") {
    const auto report = saved_report();
    const auto result = run_command(camaudit_bin + " fingerprints explain --report " + report.string() + " --ip 10.0.0.5");
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "10.0.0.5"));
    CHECK(contains(result.out, "hikvision.server.app_webs"));
    CHECK(contains(result.out, "oui:44:47:CC"));
    CHECK(contains(result.out, "re-identified: vendor Hikvision"));
    CHECK_FALSE(contains(result.out, "10.0.0.6"));
    const auto all = run_command(camaudit_bin + " fingerprints explain --report " + report.string());
    CHECK(all.exit_code == 0);
    CHECK(contains(all.out, "10.0.0.6"));
    CHECK(run_command(camaudit_bin + " fingerprints explain --report " + report.string() + " --ip 10.9.9.9").exit_code == 2);
}

TEST_CASE("a site folder adds its rules on top: test covers it, explain uses it") {
    const auto site = site_folder("site-ok", "site.acme.server");
    const auto test = run_command(camaudit_bin + " fingerprints test --site-fingerprints " + site.string());
    CHECK(test.exit_code == 0);
    CHECK(contains(test.out, site.string()));
    CHECK(contains(test.out, "0 failed"));
    const auto explain = run_command(camaudit_bin + " fingerprints explain --key http.header.server AcmeCam/2.1 --site-fingerprints " +
                                     site.string());
    CHECK(explain.exit_code == 0);
    CHECK(contains(explain.out, "site.acme.server"));
    CHECK(contains(explain.out, "firmware=\"2.1\""));
    const auto by_env = run_command("CAMAUDIT_SITE_FINGERPRINTS=" + site.string() + " " + camaudit_bin +
                                    " fingerprints explain --key http.header.server AcmeCam/2.1");
    CHECK(contains(by_env.out, "site.acme.server"));
    const auto without = run_command(camaudit_bin + " fingerprints explain --key http.header.server AcmeCam/2.1");
    CHECK_FALSE(contains(without.out, "site.acme.server"));
}

TEST_CASE("a site rule whose example fails makes fingerprints test exit 1, naming the site file") {
    const auto site = site_folder("site-bad-example", "site.acme.server", "AcmeCam/2.2");
    const auto result = run_command(camaudit_bin + " fingerprints test --site-fingerprints " + site.string());
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, (site / "http.header.server.json").string()));
    CHECK(contains(result.err, "site.acme.server"));
}

TEST_CASE("a site rule id that collides with an installed one is refused naming file and rule") {
    const auto site = site_folder("site-collision", "hikvision.server.app_webs");
    const auto result = run_command(camaudit_bin + " fingerprints test --site-fingerprints " + site.string());
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, (site / "http.header.server.json").string()));
    CHECK(contains(result.err, "hikvision.server.app_webs"));
    CHECK(run_command(camaudit_bin + " fingerprints test --site-fingerprints /nonexistent-site").exit_code == 2);
}

TEST_CASE("a lab scan with CAMAUDIT_SITE_FINGERPRINTS uses the site rule, and explain --report shows it") {
    const auto listing = run_command(std::string(CAMAUDIT_LAB_BIN) + " --list");
    REQUIRE(listing.exit_code == 0);
    std::string address;
    for (const auto& place : json::parse(listing.out))
        if (place.at("id") == "hik-ipc-ds2cd2142fwd-i-v550") address = place.at("address").get<std::string>();
    REQUIRE_FALSE(address.empty());
    // The site knows its cameras answer "Server: webserver" (a generic server the installed rules keep weak).
    const auto site = fresh_temp_dir("site-lab");
    const json rules = {{"key", "http.header.server"},
                        {"rules", json::array({{{"id", "site.inhouse.webserver"}, {"source", "site inventory"},
                                                {"pattern", "^webserver$"}, {"device_type", "camera"}, {"weight", 0.3},
                                                {"examples", json::array({"webserver"})},
                                                {"counter_examples", json::array({"App-webs/"})}}})}};
    std::ofstream(site / "http.header.server.json") << rules.dump(1);
    const auto report = fresh_temp_dir("site-lab-report") / "r.json";
    const auto scan = run_command("CAMAUDIT_SITE_FINGERPRINTS=" + site.string() + " " + CAMAUDIT_LAB_BIN + " -- " +
                                  camaudit_bin + " scan " + address + " --quiet --no-progress --out " + report.string());
    CHECK((scan.exit_code == 0 || scan.exit_code == 1));
    const auto saved = json::parse(read_file(report));
    CHECK(saved.at("scan").at("options").at("site_fingerprints") == site.string());
    REQUIRE(saved.at("devices").size() == 1);
    bool site_evidence = false;
    for (const auto& e : saved.at("devices")[0].at("evidence")) site_evidence |= e.at("rule") == "site.inhouse.webserver";
    CHECK(site_evidence);
    const auto explain = run_command(camaudit_bin + " fingerprints explain --report " + report.string() + " --ip " +
                                     address + " --site-fingerprints " + site.string());
    CHECK(explain.exit_code == 0);
    CHECK(contains(explain.out, "site.inhouse.webserver"));
    CHECK(contains(explain.out, "re-identified: vendor Hikvision"));
}
