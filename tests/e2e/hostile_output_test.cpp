// Proves the human outputs of the binary show hostile strings safely (issue 15): `diff` of two
// saved reports, `fingerprints explain` of a value and of a report, and `policies` over a
// regulation file someone edited; none lets a string forge a line or reach the terminal raw.
#include "lab_report.hpp"

#include "../hostile_text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using camaudit::testing::contains;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::run_command;
using nlohmann::json;

namespace {

const std::string camaudit_bin = CAMAUDIT_BIN;

// The hostile strings a JSON report can carry (JSON holds valid UTF-8 only).
std::vector<std::string> json_safe_hostile_strings() {
    std::vector<std::string> out;
    for (const auto& h : camaudit::test::hostile_strings()) {
        try {
            (void)json(h).dump();
            out.push_back(h);
        } catch (const json::type_error&) {
        }
    }
    return out;
}

// A saved report with one prohibited Hikvision per hostile string in every identifying field.
json hostile_report(const std::string& firmware_suffix) {
    const auto strings = json_safe_hostile_strings();
    json devices = json::array();
    for (std::size_t i = 0; i < strings.size(); ++i) {
        const auto& h = strings[i];
        devices.push_back(
            {{"ip", "10.66.0." + std::to_string(10 + i)}, {"mac", h}, {"hostname", h}, {"vendor", "Hikvision " + h},
             {"brand", h}, {"model", h}, {"firmware", h + firmware_suffix}, {"serial", h}, {"device_type", h},
             {"confidence", 0.9}, {"compliance", {{"status", "prohibited"}}},
             {"open_ports", json::array({{{"port", 80}, {"proto", "tcp"}, {"service", h}}})},
             {"evidence", json::array({{{"source", "http"}, {"port", 80}, {"field", "http.header.server"},
                                        {"value", "App-webs/" + h}, {"context", h}}})}});
    }
    return {{"schema", "camaudit.report/1"}, {"scan", {{"complete", true}}}, {"devices", devices}};
}

std::filesystem::path saved(const std::filesystem::path& dir, const std::string& name, const json& report) {
    std::ofstream(dir / name) << report.dump(1);
    return dir / name;
}

void check_safe(const camaudit::testing::CommandResult& result) {
    CHECK(camaudit::test::first_unsafe(result.out) == "");
    CHECK(camaudit::test::first_unsafe(result.err) == "");
    camaudit::test::check_no_forged_lines(result.out);
}

}  // namespace

TEST_CASE("diff: hostile strings in every field forge no line, new and changed alike") {
    const auto dir = fresh_temp_dir("hostile-diff");
    const auto empty = saved(dir, "empty.json", {{"schema", "camaudit.report/1"}, {"devices", json::array()}});
    const auto before = saved(dir, "before.json", hostile_report(""));
    const auto after = saved(dir, "after.json", hostile_report(" v2"));
    const auto added = run_command(camaudit_bin + " diff " + empty.string() + " " + before.string());
    CHECK(added.exit_code == 1);
    check_safe(added);
    CHECK(contains(added.out, "NEW VIOLATION: 10.66.0.10 (esc\\x1b[2J\\x1b]0;pwned\\x07) is prohibited\n"));
    const auto changed = run_command(camaudit_bin + " diff " + before.string() + " " + after.string());
    CHECK(changed.exit_code == 0);
    check_safe(changed);
    CHECK(contains(changed.out, "firmware: rlo\\u202egnp.exe -> rlo\\u202egnp.exe v2\n"));
}

TEST_CASE("fingerprints explain: a hostile value and a hostile report are shown, not obeyed") {
    const auto value = run_command(camaudit_bin + " fingerprints explain --key http.header.server "
                                                  "\"$(printf 'App-webs/\\033[2J\\rNEW VIOLATION: 10.66.0.2 is prohibited')\"");
    CHECK(value.exit_code == 0);
    check_safe(value);
    CHECK(contains(value.out, "\"App-webs/\\x1b[2J\\x0dNEW VIOLATION: 10.66.0.2 is prohibited\""));
    const auto invalid = run_command(camaudit_bin + " fingerprints explain --key http.header.server "
                                                    "\"$(printf 'App-webs/\\302')\"");
    CHECK(invalid.exit_code == 0);  // invalid UTF-8 is shown, not a crash of the JSON quoting
    CHECK(contains(invalid.out, "\"App-webs/\\xc2\""));

    const auto dir = fresh_temp_dir("hostile-explain");
    const auto report = run_command(camaudit_bin + " fingerprints explain --report " +
                                    saved(dir, "r.json", hostile_report("")).string());
    CHECK(report.exit_code == 0);
    check_safe(report);
    CHECK(contains(report.out, "10.66.0.10 (esc\\x1b[2J\\x1b]0;pwned\\x07)  in the report: vendor Hikvision esc"));
}

TEST_CASE("policies: a regulation file edited to carry hostile text is listed safely") {
    const auto dir = fresh_temp_dir("hostile-policies");
    std::filesystem::copy(std::string(CAMAUDIT_SOURCE_DIR) + "/fingerprints", dir / "data",
                          std::filesystem::copy_options::recursive);
    const auto file = dir / "data" / "regulations" / "au-gov-2023.json";
    auto regulation = json::parse(camaudit::testing::read_file(file));
    const auto& h = camaudit::test::hostile_strings();
    regulation["instrument"] = regulation["instrument"].get<std::string>() + h[5];
    regulation["scope"] = h[0];
    regulation["summary"] = h[1];
    std::ofstream(file) << regulation.dump(1);
    const auto listed = run_command(camaudit_bin + " policies -v --fingerprints " + (dir / "data").string());
    CHECK(listed.exit_code == 0);
    check_safe(listed);
    CHECK(contains(listed.out, "  lf\\x0aNEW VIOLATION: 10.66.0.1 is prohibited\n"));
    CHECK(contains(listed.out, "rlo\\u202egnp.exe"));
}
