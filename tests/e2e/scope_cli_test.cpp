// Proves a scan covers exactly what was asked (issue "A scan that covers exactly what was
// asked"): no option swallows a target, other scanners' spellings are refused or mean the
// same, unknown words are named, config and flags go through one validation with file:line,
// exclusions add up with their origins, and the exit code never says "clean" for a cut run
// or an output that was not delivered. Every case runs the binary as a user would.
#include "command.hpp"
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <set>

using camaudit::testing::contains;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using nlohmann::json;

namespace {

const std::string bin = CAMAUDIT_BIN;

void write_file(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

// A scan of closed loopback ports: quick, and nothing is found.
json quick_scan(const std::string& arguments, int expected_exit = 0) {
    const auto result = run_command(bin + " scan " + arguments + " --ports 1 --quiet --out -");
    INFO(arguments << "\n" << result.err);
    REQUIRE(result.exit_code == expected_exit);
    return json::parse(result.out);
}

std::vector<std::string> strings(const json& array) { return array.get<std::vector<std::string>>(); }

}  // namespace

TEST_CASE("an option never swallows the targets after it") {
    const auto report = quick_scan("127.0.0.1 -x 127.0.0.9 127.0.0.2");
    CHECK(strings(report["scan"]["targets"]) == std::vector<std::string>{"127.0.0.1", "127.0.0.2"});
    CHECK(strings(report["scan"]["excluded"]) == std::vector<std::string>{"127.0.0.9"});
    CHECK(report["scan"]["hosts_probed"] == 2);
    const auto listed = quick_scan("127.0.0.1 --exclude 127.0.0.8,127.0.0.9 127.0.0.2 --policy us-ndaa-889 127.0.0.3");
    CHECK(strings(listed["scan"]["targets"]) == std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3"});
    CHECK(strings(listed["scan"]["excluded"]) == std::vector<std::string>{"127.0.0.8", "127.0.0.9"});
    CHECK(strings(listed["scan"]["policies"]) == std::vector<std::string>{"us-ndaa-889"});
}

TEST_CASE("nmap, masscan and zmap options are refused with the camaudit way, and write nothing") {
    const auto dir = fresh_temp_dir("foreign");
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"-oX out.xml", "--out FILE"}, {"-oN out.txt", "--format text"}, {"-oA base", "--html"},
        {"-oJ out.json", "--format json"}, {"-oXout.xml", "--out FILE"},
        {"-sV", "deep probes"}, {"-T4", "--rate"}, {"--top-ports 100", "--ports default"},
        {"-p-", "--ports 1-65535"}, {"-iR 10", "only what you name"}, {"--open", "hosts that answered"},
        {"-e eth0", "--interface"}, {"-B 10M", "--rate"}};
    for (const auto& [option, way] : refused) {
        const auto result = run_command("cd " + dir.string() + " && " + bin + " scan 127.0.0.1 " + option + " --ports 1");
        INFO(option << ": " << result.err);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "'" + option.substr(0, option.find(' ')) + "' is an option of"));
        CHECK(contains(result.err, way));
    }
    CHECK(std::filesystem::is_empty(dir));  // no report named X, no out.xml, nothing
}

TEST_CASE("nmap spellings with camaudit's meaning are accepted: -iL, --excludefile, --max-rate, --max-retries") {
    const auto dir = fresh_temp_dir("aliases");
    write_file(dir / "targets.txt", "127.0.0.1\n127.0.0.2\n# a comment\n");
    write_file(dir / "never.txt", "127.0.0.2\n");
    const auto report = quick_scan("-iL " + (dir / "targets.txt").string() + " --excludefile " + (dir / "never.txt").string() +
                                   " --max-rate 500 --max-retries 0");
    CHECK(strings(report["scan"]["targets"]) == std::vector<std::string>{"@" + (dir / "targets.txt").string()});
    CHECK(strings(report["scan"]["excluded"]) == std::vector<std::string>{"@" + (dir / "never.txt").string()});
    CHECK(report["scan"]["hosts_probed"] == 1);
    CHECK(report["scan"]["options"]["rate"] == "500");
    CHECK(report["scan"]["options"]["retries"] == "0");
}

TEST_CASE("an unknown command or option is named, with the nearest known one") {
    auto result = run_command(bin + " --bogus");
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "unknown option '--bogus'"));
    result = run_command(bin + " scna 127.0.0.1");
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "unknown command 'scna'"));
    CHECK(contains(result.err, "did you mean 'scan'?"));
    result = run_command(bin + " scan 127.0.0.1 --exlcude 127.0.0.2");
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "unknown option '--exlcude'"));
    CHECK(contains(result.err, "did you mean '--exclude'?"));
    result = run_command(bin + " diff a.json b.json c.json");
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "'c.json'"));
}

TEST_CASE("flags are checked: types, ranges, lists, durations, and the rules between options") {
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"--rate 0", "--rate: '0' is out of range (0.1-1000000)"}, {"--timeout -5", "not a duration"},
        {"--fail-on reveiw", "did you mean 'review'?"}, {"--probes htp", "did you mean 'http'?"},
        {"--format yml", "not one of"}, {"--shard 2/4", "without --seed"}, {"--shard 0/0", "bad shard"},
        {"--discover nosuchif0", "no interface 'nosuchif0'"}, {"--passive-while-scanning nosuchif0", "no interface"},
        {"--max-duration 2x", "not a duration"}, {"--best-effort html", "not one of"}};
    for (const auto& [option, message] : refused) {
        const auto result = run_command(bin + " scan 127.0.0.1 " + option + " --ports 1 --out -");
        INFO(option << ": " << result.err);
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, message));
        CHECK(result.out.empty());
    }
    const auto report = quick_scan("127.0.0.1 --timeout 1.5s --max-duration 15m --exchange-timeout 2s --shard 2/4 --seed 9");
    CHECK(report["scan"]["options"]["timeout_ms"] == "1500");
    CHECK(report["scan"]["shard"] == "2/4");
}

TEST_CASE("a config file goes through the same checks, naming file, line, key and the nearest key") {
    const auto dir = fresh_temp_dir("config-checks");
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"rate = 0.0", "'rate': --rate: '0' is out of range"}, {"timeout = -5", "'timeout': --timeout: '-5' is not a duration"},
        {"fail_on = \"reveiw\"", "did you mean 'review'?"}, {"rat = 5", "did you mean 'rate'?"},
        {"allow_large = \"yes\"", "must be true or false"}, {"exclude = \"127.0.0.9\"", "array of strings"},
        {"ports = \"99999\"", "bad port '99999'"}, {"max_duration = \"forever\"", "not a duration"},
        {"policy = [\"us-ndaa-899\"]", "'policy': unknown policy 'us-ndaa-899'"}};
    for (const auto& [line, message] : refused) {
        const auto config = dir / "bad.toml";
        write_file(config, "targets = [\"127.0.0.1\"]\n" + line + "\n");
        // The command line sets --ports: the config's own value is still checked.
        for (const std::string command : {" scan --config ", " config check "}) {
            const auto result = run_command(bin + command + config.string() + (command == " scan --config " ? " --ports 1 --out -" : ""));
            INFO(line << " via" << command << ": " << result.err);
            CHECK(result.exit_code == 2);
            CHECK(contains(result.err, config.string() + ":2: "));
            CHECK(contains(result.err, message));
        }
    }
}

TEST_CASE("config and command-line exclusions add up, each with its origin; targets on the command line replace the config's") {
    const auto dir = fresh_temp_dir("config-scope");
    const auto config = dir / "site.toml";
    write_file(config, "targets = [\"127.0.0.1\", \"127.0.0.2\"]\n# reviewed\nexclude = [\"127.0.0.2\"]\nports = \"1\"\n");
    auto result = run_command(bin + " scan --config " + config.string() + " -x 127.0.0.7 --quiet --out -");
    REQUIRE(result.exit_code == 0);
    auto report = json::parse(result.out);
    CHECK(strings(report["scan"]["excluded"]) == std::vector<std::string>{"127.0.0.7", "127.0.0.2"});
    CHECK(report["scan"]["exclusions"] == json::parse(R"([{"target":"127.0.0.7","source":"command line"},
        {"target":"127.0.0.2","source":")" + config.string() + R"(:3"}])"));
    CHECK(report["scan"]["hosts_probed"] == 1);
    CHECK(report["scan"]["targets_source"] == config.string() + ":1");
    CHECK(!contains(result.err, "replace"));

    result = run_command(bin + " scan 127.0.0.3 --config " + config.string() + " --quiet --out -");
    REQUIRE(result.exit_code == 0);
    report = json::parse(result.out);
    CHECK(strings(report["scan"]["targets"]) == std::vector<std::string>{"127.0.0.3"});
    CHECK(report["scan"]["targets_source"] == "command line");
    CHECK(contains(result.err, "warning: the targets on the command line replace those of " + config.string() + ":1"));
}

TEST_CASE("relative paths in a config resolve against the config's folder, not the current one") {
    const auto dir = fresh_temp_dir("config-paths");
    std::filesystem::create_directories(dir / "etc" / "reports");
    std::filesystem::create_directories(dir / "elsewhere");
    // As root the scan drops to another account, which must be able to write the report there.
    std::filesystem::permissions(dir / "etc" / "reports", std::filesystem::perms::all);
    write_file(dir / "etc" / "hosts.txt", "127.0.0.1\n");
    write_file(dir / "etc" / "site.toml", "targets = [\"@hosts.txt\"]\nports = \"1\"\nout = \"reports/r.json\"\n");
    const auto result = run_command("cd " + (dir / "elsewhere").string() + " && " + bin + " scan --config ../etc/site.toml --quiet");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(std::filesystem::exists(dir / "etc" / "reports" / "r.json"));
    CHECK(std::filesystem::is_empty(dir / "elsewhere"));
}

TEST_CASE("config check validates without scanning") {
    const auto dir = fresh_temp_dir("config-check");
    write_file(dir / "site.toml", "targets = [\"127.0.0.0/30\", \"camera.example\"]\nexclude = [\"127.0.0.3\"]\nout = \"r.json\"\n");
    const auto result = run_command(bin + " config check " + (dir / "site.toml").string());
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "valid"));
    CHECK(contains(result.out, "exclude 127.0.0.3  from " + (dir / "site.toml").string() + ":2"));
    CHECK(!std::filesystem::exists(dir / "r.json"));
}

TEST_CASE("exit codes: a cut run is 4, an undelivered output is 3 unless best-effort") {
    // 2,000 ports at 50 probes a second cannot finish within the 1 s limit.
    const auto cut = run_command(bin + " scan 127.0.0.1 --ports 1-2000 --rate 50 --max-duration 1s --quiet --out -");
    CHECK(cut.exit_code == 4);
    CHECK(json::parse(cut.out)["scan"]["complete"] == false);

    const auto undelivered = run_command(bin + " scan 127.0.0.1 --ports 1 --syslog tcp://127.0.0.1:9 --quiet --out -");
    CHECK(undelivered.exit_code == 3);
    CHECK(contains(undelivered.err, "was not delivered"));
    CHECK(json::parse(undelivered.out)["errors"].dump().find("syslog") != std::string::npos);  // the report still says so
    const auto best_effort =
        run_command(bin + " scan 127.0.0.1 --ports 1 --syslog tcp://127.0.0.1:9 --best-effort syslog --quiet --out -");
    CHECK(best_effort.exit_code == 0);
    CHECK(contains(best_effort.err, "warning: syslog"));
}

TEST_CASE("every command's help fits 80 columns, has its EXIT STATUS, and no type noise") {
    for (const std::string command : {"", "scan", "passive", "discover", "demo", "diff", "verify", "config", "config check", "waivers", "waivers check",
                                      "fingerprints", "fingerprints test", "fingerprints explain", "policies"}) {
        const auto help = run_command(bin + " " + command + " --help");
        INFO(command);
        CHECK(help.exit_code == 0);
        std::istringstream lines(help.out);
        for (std::string line; std::getline(lines, line);) CHECK_MESSAGE(line.size() <= 80, line);
        CHECK(contains(help.out, "EXIT STATUS"));
        for (const char* noise : {"FLOAT", "UINT", "INT:", "TEXT", " in [", "more protocols as they land"})
            CHECK_MESSAGE(!contains(help.out, noise), noise);
    }
    const auto scan = run_command(bin + " scan --help").out;
    for (const char* probe : {"http", "onvif", "hiksdk", "snmp_engine"}) CHECK(contains(scan, probe));
    const auto passive = run_command(bin + " passive --help").out;
    for (const char* decoder : {"arp", "dhcp", "sadp", "mdns"}) CHECK(contains(passive, decoder));
}

TEST_CASE("the README's exit-code table is the one --help prints and docs/scheduling.md repeats") {
    // A table row reads "| 4 | meaning |": one digit, then the meaning up to the next bar.
    const auto table_of = [&](const std::string& file) {
        std::map<int, std::string> rows;
        std::istringstream lines(read_file(std::string(CAMAUDIT_SOURCE_DIR) + "/" + file));
        for (std::string line; std::getline(lines, line);) {
            if (line.size() < 7 || !line.starts_with("| ") || !std::isdigit(static_cast<unsigned char>(line[2])) ||
                line.compare(3, 3, " | ") != 0)
                continue;
            const auto end = line.find(" |", 6);
            if (end != std::string::npos) rows[line[2] - '0'] = line.substr(6, end - 6);
        }
        return rows;
    };
    const auto readme = table_of("README.md");
    REQUIRE(readme.size() == 5);
    CHECK(table_of("docs/scheduling.md") == readme);
    // --help wraps the same words; compare them with the white space folded.
    const auto fold = [](std::string text) {
        std::string out;
        std::istringstream words(text);
        for (std::string word; words >> word;) out += (out.empty() ? "" : " ") + word;
        return out;
    };
    const auto help = fold(run_command(bin + " scan --help").out);
    for (const auto& [code, meaning] : readme) {
        std::string plain = meaning;
        std::erase(plain, '`');
        CHECK_MESSAGE(contains(help, std::to_string(code) + " " + fold(plain)), code << " " << plain);
    }
}
