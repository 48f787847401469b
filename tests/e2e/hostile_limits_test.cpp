// The configurable per-exchange and per-host limits (docs/security.md) stay inside their safe
// ranges: a config file or a flag that would switch one off is refused with exit 2, naming the
// key and the range, before any packet; values in range are accepted. And the per-host
// observation cap holds against a lab device that sends hundreds of facts
// (tests/lab/hostile/hostile-many-facts.json): it is cut with one error, its neighbours are not.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// A scan of one closed loopback port: never leaves the machine, ends at once.
camaudit::testing::CommandResult scan_with(const std::string& config_text, const std::string& flags = "") {
    const auto dir = fresh_temp_dir("limits");
    const auto config = dir / "site.toml";
    std::ofstream(config) << config_text;
    return run_command(std::string(CAMAUDIT_BIN) + " scan 127.0.0.1 --ports 9 --probes http --quiet --config " +
                       config.string() + " --out " + (dir / "r.json").string() + " " + flags);
}

}  // namespace

TEST_CASE("limits: a config value outside a limit's safe range is refused by key, line and range") {
    const struct {
        const char* line;
        const char* range;
    } cases[] = {{"max_body_kib = 0", "16-4096"},
                 {"exchange_timeout = 3600000", "500ms-30s"},
                 {"max_observations_per_host = 499", "500-100000"},
                 {"max_body_kib = \"lots\"", "16-4096"}};
    for (const auto& c : cases) {
        const auto result = scan_with(std::string("# site limits\n") + c.line + "\n");
        INFO(c.line, " -> ", result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find(":2:") != std::string::npos);
        CHECK(result.err.find(c.range) != std::string::npos);
    }
}

TEST_CASE("limits: a flag outside a limit's safe range is refused, values in range are accepted") {
    const auto refused = scan_with("", "--max-body-kib 100000");
    CHECK(refused.exit_code == 2);
    const auto accepted = scan_with("exchange_timeout = 2000\nmax_body_kib = 64\nmax_observations_per_host = 500\n",
                                    "--max-observations-per-host 1000");
    INFO(accepted.err);
    CHECK(accepted.exit_code == 0);
}

// ---- the per-host observation cap, end to end ----

namespace {

const std::filesystem::path hostile_dir = std::filesystem::path(CAMAUDIT_SOURCE_DIR) / "tests/lab/hostile";
const std::filesystem::path normal_dir = CAMAUDIT_SOURCE_LAB_DIR;
const std::string many_facts = "hostile-many-facts";  // ~900 distinct facts from one host
const std::string neighbours[] = {"axis-m1065lw-fw9", "hik-ipc-ds2cd2142fwd-i-v550"};
constexpr int cap = 500;  // the floor of the safe range: the tightest cap a user can set
const std::string cap_error = "observations from this host";

struct CapScan {
    int exit_code = -1;
    std::string err;
    json report;
    std::map<std::string, std::string> address_of;
};

// The fact-spewing device and two normal cameras beside it, scanned with `flags`.
CapScan scan_many_facts(const std::string& name, const std::string& flags) {
    const auto work = fresh_temp_dir(name);
    const auto devices = work / "devices";
    std::filesystem::create_directories(devices);
    std::filesystem::copy_file(hostile_dir / (many_facts + ".json"), devices / (many_facts + ".json"));
    for (const auto& id : neighbours) std::filesystem::copy_file(normal_dir / (id + ".json"), devices / (id + ".json"));
    const std::string lab = std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string();
    CapScan s;
    for (const auto& place : json::parse(run_command(lab + " --list").out))
        s.address_of[place.at("id").get<std::string>()] = place.at("address").get<std::string>();
    const auto result = run_command(lab + " -- " + CAMAUDIT_BIN + " scan 127.0.1.0/29 --rate 20000 --seed 7 --quiet --out " +
                                    (work / "r.json").string() + " " + flags);
    s.exit_code = result.exit_code;
    s.err = result.err;
    const auto text = read_file(work / "r.json");
    REQUIRE_MESSAGE(!text.empty(), "no report; stderr: " << result.err);
    s.report = json::parse(text);
    return s;
}

const CapScan& capped() {
    static const CapScan scan = scan_many_facts("cap-floor", "--max-observations-per-host " + std::to_string(cap));
    return scan;
}

const CapScan& uncapped() {  // the default cap (2000) is above what the device sends
    static const CapScan scan = scan_many_facts("cap-default", "");
    return scan;
}

const json* device_at(const json& report, const std::string& ip) {
    for (const auto& device : report.at("devices"))
        if (device.at("ip") == ip) return &device;
    return nullptr;
}

// Evidence is per claim; one observation (source, port, field, value) may back several claims.
std::size_t observations_behind(const json& device) {
    std::set<std::string> seen;
    for (const auto& e : device.at("evidence"))
        seen.insert(e.at("source").dump() + e.at("port").dump() + e.at("field").dump() + e.at("value").dump());
    return seen.size();
}

std::size_t cap_errors(const json& report, const std::string& ip) {
    std::size_t n = 0;
    for (const auto& error : report.at("errors"))
        if (error.at("target").get<std::string>().starts_with(ip + ":") &&
            error.at("message").get<std::string>().find(cap_error) != std::string::npos)
            ++n;
    return n;
}

}  // namespace

static void check_cap_holds() {  // the device still appears, with at most `cap` observations behind its evidence
    const auto& scan = capped();
    INFO(scan.err);
    CHECK((scan.exit_code == 0 || scan.exit_code == 1));
    CHECK(scan.report.at("scan").at("complete") == true);
    const json* device = device_at(scan.report, scan.address_of.at(many_facts));
    REQUIRE(device != nullptr);
    CHECK(device->at("open_ports").size() == 10);  // open ports are recorded apart, never dropped
    const auto kept = observations_behind(*device);
    MESSAGE("with the cap at " << cap << ": " << kept << " observations behind the evidence");
    CHECK(kept > 0);
    CHECK(kept <= static_cast<std::size_t>(cap));
}

static void check_without_cap() {  // without the cap the same device yields far more: the cap really cut
    const auto& scan = uncapped();
    const json* device = device_at(scan.report, scan.address_of.at(many_facts));
    REQUIRE(device != nullptr);
    const auto kept = observations_behind(*device);
    MESSAGE("with the default cap: " << kept << " observations behind the evidence");
    CHECK(kept > static_cast<std::size_t>(cap + cap / 2));
    CHECK(cap_errors(scan.report, scan.address_of.at(many_facts)) == 0);
}

static void check_one_error() {  // the report says once, for that host only, that the cap dropped the rest
    const auto& scan = capped();
    INFO(scan.report.at("errors").dump());
    CHECK(cap_errors(scan.report, scan.address_of.at(many_facts)) == 1);
    std::size_t all = 0;
    for (const auto& error : scan.report.at("errors"))
        if (error.at("message").get<std::string>().find(cap_error) != std::string::npos) ++all;
    CHECK(all == 1);
    CHECK(scan.report.at("errors").size() < 20);  // not one error per dropped fact
}

static void check_neighbours() {  // the cameras beside it are identified exactly as without the cap
    for (const auto& id : neighbours) {
        INFO(id);
        const json* with = device_at(capped().report, capped().address_of.at(id));
        const json* without = device_at(uncapped().report, uncapped().address_of.at(id));
        REQUIRE(with != nullptr);
        REQUIRE(without != nullptr);
        CHECK(with->value("vendor", "") ==
              json::parse(read_file(normal_dir / (id + ".json"))).at("truth").at("vendor").get<std::string>());
        CHECK(with->value("vendor", "") == without->value("vendor", ""));
        CHECK(with->value("model", "") == without->value("model", ""));
        CHECK(with->at("compliance").at("status") == without->at("compliance").at("status"));
        CHECK(observations_behind(*with) == observations_behind(*without));
        CHECK(cap_errors(capped().report, capped().address_of.at(id)) == 0);
    }
}

// One process, two scans: each SUBCASE reuses them (CTest runs every TEST_CASE in its own process).
TEST_CASE("limits: the per-host observation cap drops a flood of facts with one error, and only there") {
    SUBCASE("limits: the device still appears, with at most the cap's observations behind its evidence") { check_cap_holds(); }
    SUBCASE("limits: without the cap the same device yields far more facts") { check_without_cap(); }
    SUBCASE("limits: the report says once, for that host only, that the cap dropped the rest") { check_one_error(); }
    SUBCASE("limits: the devices beside it are identified as without the cap") { check_neighbours(); }
}
