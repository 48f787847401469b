// Proves `camaudit diff` over two real lab scans: the devices only the wider scan reached are
// "new", a newly prohibited one makes exit 1, a report against itself is quiet (exit 0), and a
// file that is not a report is a usage error.
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::contains;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::string camaudit_bin = CAMAUDIT_BIN;
const std::string lab = camaudit::testing::in_lab_camaudit();

json scan(const std::filesystem::path& out, const std::string& range) {
    const auto result = run_command(lab + " scan " + range + " --rate 20000 --seed 3 --probes http --quiet --out " + out.string());
    REQUIRE(result.exit_code <= 1);
    return json::parse(read_file(out));
}

}  // namespace

TEST_CASE("diff: devices of the wider scan are new, a new prohibited device exits 1") {
    const auto dir = fresh_temp_dir("diff");
    const auto old_report = scan(dir / "old.json", "127.0.1.1-127.0.1.12");
    const auto new_report = scan(dir / "new.json", "127.0.1.1-127.0.1.40");
    std::set<std::string> old_ips;
    for (const auto& d : old_report["devices"]) old_ips.insert(d["ip"].get<std::string>());
    std::vector<std::string> expected_new;
    bool new_prohibited = false;
    for (const auto& d : new_report["devices"])
        if (!old_ips.contains(d["ip"].get<std::string>())) {
            expected_new.push_back(d["ip"].get<std::string>());
            new_prohibited = new_prohibited || d["compliance"]["status"] == "prohibited";
        }
    REQUIRE_FALSE(expected_new.empty());

    const auto result = run_command(camaudit_bin + " diff --format json " + (dir / "old.json").string() + " " +
                                    (dir / "new.json").string());
    CHECK(result.exit_code == (new_prohibited ? 1 : 0));
    const auto diff = json::parse(result.out);
    CHECK(diff["schema"] == "camaudit.diff/1");
    std::set<std::string> reported;
    for (const auto& d : diff["added"]) reported.insert(d["ip"].get<std::string>());
    CHECK(reported == std::set<std::string>(expected_new.begin(), expected_new.end()));
    CHECK(diff["removed"].empty());

    const auto text = run_command(camaudit_bin + " diff " + (dir / "old.json").string() + " " + (dir / "new.json").string());
    CHECK(contains(text.out, std::to_string(expected_new.size()) + " new, 0 gone"));
    if (new_prohibited) CHECK(contains(text.out, "NEW VIOLATION: "));

    const auto backwards = run_command(camaudit_bin + " diff " + (dir / "new.json").string() + " " + (dir / "old.json").string());
    CHECK(backwards.exit_code == 0);  // devices going away is no new violation
    CHECK(contains(backwards.out, "0 new, " + std::to_string(expected_new.size()) + " gone"));
}

TEST_CASE("diff: a report against itself is quiet, a file that is not a report is exit 2") {
    const auto dir = fresh_temp_dir("diff-self");
    (void)scan(dir / "r.json", "127.0.1.1-127.0.1.8");
    const auto same = run_command(camaudit_bin + " diff " + (dir / "r.json").string() + " " + (dir / "r.json").string());
    CHECK(same.exit_code == 0);
    CHECK(contains(same.out, "0 new, 0 gone, 0 changed; 0 newly prohibited"));
    std::ofstream(dir / "not.json") << "{\"hello\": 1}";
    const auto bad = run_command(camaudit_bin + " diff " + (dir / "r.json").string() + " " + (dir / "not.json").string());
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "is not a camaudit JSON report"));
}
