// Proves a report records how it was made (issue 12): the command line and environment with
// secrets redacted, the config and its hash, host and source addresses, the build, the data's
// hashes and the OUI registry's date, in every format that has a header; and that a bad
// CAMAUDIT_* variable is refused like a bad flag. Every case runs the binary as a user would,
// against closed loopback ports only.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string bin = CAMAUDIT_BIN;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A tiny IEEE registry of our own, so the entry count and the date are known.
fs::path small_registry(const fs::path& dir, bool stamped) {
    fs::create_directories(dir);
    write_file(dir / "oui.csv",
               "Registry,Assignment,Organization Name,Organization Address\n"
               "MA-L,AABBCC,Example One,Street 1\nMA-L,DDEEFF,\"Example, Two\",Street 2\n");
    if (stamped) write_file(dir / ".lastupdate", "1700000000\n");  // 2023-11-14 UTC
    return dir;
}

// `env` VAR=value words before the command; the scan finds nothing on a closed loopback port.
json scan_report(const std::string& env, const std::string& arguments, const fs::path& out) {
    const auto result = run_command(env + " " + bin + " scan 127.0.0.1 --ports 1 --quiet --out " + out.string() + " " +
                                    arguments);
    INFO(arguments << "\n" << result.err);
    REQUIRE(result.exit_code == 0);
    return json::parse(read_file(out));
}

const json& data_of(const json& report, const std::string& kind) {
    for (const auto& source : report.at("provenance").at("data"))
        if (source.at("kind") == kind) return source;
    FAIL("no data source " << kind);
    static const json none;
    return none;
}

std::string sha256sum(const fs::path& file) {
    const auto result = run_command("sha256sum " + file.string());
    REQUIRE(result.exit_code == 0);
    return result.out.substr(0, 64);
}

}  // namespace

TEST_CASE("provenance: the command line, config hash, host, sources, build and data are recorded") {
    const auto dir = fresh_temp_dir("provenance");
    const auto registry = small_registry(dir / "ieee", true);
    write_file(dir / "site.toml", "ports = \"1\"\nretries = 0\n");
    const auto report = scan_report("CAMAUDIT_IEEE_DATA=" + registry.string(),
                                    "--config " + (dir / "site.toml").string() + " --seed 5", dir / "r.json");
    const auto& p = report.at("provenance");
    const auto command = p.at("command_line").get<std::vector<std::string>>();
    REQUIRE(command.size() >= 3);
    CHECK(command[0] == bin);
    CHECK(command[1] == "scan");
    CHECK(std::find(command.begin(), command.end(), "--seed") != command.end());
    CHECK(p.at("config").at("path") == (dir / "site.toml").string());
    CHECK(p.at("config").at("absolute") == (dir / "site.toml").string());
    CHECK(p.at("config").at("sha256") == sha256sum(dir / "site.toml"));
    CHECK(!p.at("host").get<std::string>().empty());
    CHECK(p.at("source_addresses") == json::array({"127.0.0.1"}));
    CHECK(p.at("build").at("version") == report.at("tool").at("version"));
    CHECK(!p.at("build").at("git_commit").get<std::string>().empty());
    CHECK(p.at("environment").at("CAMAUDIT_IEEE_DATA") == registry.string());
    const auto& oui = data_of(report, "oui_registry");
    CHECK(oui.at("entries") == 2);
    CHECK(oui.at("files") == 1);
    CHECK(oui.at("date") == "2023-11-14");
    CHECK(oui.at("date_source") == ".lastupdate");
    CHECK(data_of(report, "signatures").at("files").get<int>() > 10);
    CHECK(data_of(report, "regulations").at("files").get<int>() > 1);
}

TEST_CASE("provenance: an unstamped OUI registry is dated by its file's mtime, and says so") {
    const auto dir = fresh_temp_dir("provenance-mtime");
    const auto registry = small_registry(dir / "ieee", false);
    // 2024-02-29 12:00 UTC, set through the file clock the library uses for mtimes.
    const std::chrono::sys_seconds noon = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + std::chrono::hours(12);
    fs::last_write_time(registry / "oui.csv", std::chrono::file_clock::from_sys(noon));
    const auto report = scan_report("CAMAUDIT_IEEE_DATA=" + registry.string(), "", dir / "r.json");
    CHECK(data_of(report, "oui_registry").at("date") == "2024-02-29");
    CHECK(data_of(report, "oui_registry").at("date_source") == "file mtime");
}

TEST_CASE("provenance: two runs of the same command line have different ids") {
    const auto dir = fresh_temp_dir("provenance-ids");
    const auto first = scan_report("", "--seed 1", dir / "a.json");
    const auto second = scan_report("", "--seed 1", dir / "b.json");
    CHECK(first.at("scan").at("id") != second.at("scan").at("id"));
    CHECK(first.at("provenance").at("command_line").size() == second.at("provenance").at("command_line").size());
}

TEST_CASE("provenance: a changed signature file changes the signatures' hash, not the regulations'") {
    const auto dir = fresh_temp_dir("provenance-data");
    fs::copy(CAMAUDIT_SOURCE_DIR "/fingerprints", dir / "data", fs::copy_options::recursive);
    const std::string env = "CAMAUDIT_DATA_DIR=" + (dir / "data").string();
    const auto before = scan_report(env, "", dir / "before.json");
    const auto again = scan_report(env, "", dir / "again.json");
    CHECK(data_of(before, "signatures").at("sha256") == data_of(again, "signatures").at("sha256"));
    CHECK(data_of(before, "signatures").at("path") == (dir / "data").string());
    std::ofstream(dir / "data" / "http.header.server.json", std::ios::app) << "\n";  // same rules, other bytes
    const auto after = scan_report(env, "", dir / "after.json");
    CHECK(data_of(before, "signatures").at("sha256") != data_of(after, "signatures").at("sha256"));
    CHECK(data_of(before, "regulations").at("sha256") == data_of(after, "regulations").at("sha256"));
    CHECK(after.at("provenance").at("environment").at("CAMAUDIT_DATA_DIR") == (dir / "data").string());
}

TEST_CASE("provenance: secrets from the config, the environment or the command line appear in no report file") {
    const auto dir = fresh_temp_dir("provenance-secrets");
    write_file(dir / "site.toml", "snmp_community = \"c0nfig-s3cret\"\nports = \"1\"\n");
    const std::string env = "CAMAUDIT_ONVIF_USER=auditor CAMAUDIT_ONVIF_PASSWORD=env-pa55word";
    const std::string views = " --html " + (dir / "r.html").string() + " --csv " + (dir / "r.csv").string() +
                              " --ndjson " + (dir / "r.ndjson").string();
    const auto report = scan_report(env, "--config " + (dir / "site.toml").string() + views, dir / "r.json");
    CHECK(report.at("provenance").at("environment").at("CAMAUDIT_ONVIF_PASSWORD") == "<redacted>");
    CHECK(report.at("provenance").at("environment").at("CAMAUDIT_ONVIF_USER") == "auditor");
    const auto text = run_command("CAMAUDIT_SNMP_COMMUNITY=env-c0mmunity " + bin + " scan 127.0.0.1 --ports 1 --quiet "
                                  "--format text --out " + (dir / "r.txt").string() + " --config " +
                                  (dir / "site.toml").string());
    REQUIRE(text.exit_code == 0);
    std::string written;
    for (const char* name : {"r.json", "r.html", "r.csv", "r.ndjson", "r.txt"}) written += read_file(dir / name);
    for (const char* secret : {"c0nfig-s3cret", "env-pa55word", "env-c0mmunity"}) {
        INFO(secret);
        CHECK(!has(written, secret));
    }
    // A secret typed as an option is refused before anything is written, and not echoed.
    for (const std::string option : {"--snmp-community=cmd-s3cret", "--snmp-community cmd-s3cret"}) {
        const auto refused = run_command(bin + " scan 127.0.0.1 --ports 1 " + option + " --out " + (dir / "cmd.json").string());
        INFO(option << ": " << refused.err);
        CHECK(refused.exit_code == 2);
        CHECK(!has(refused.err, "cmd-s3cret"));
        CHECK(!fs::exists(dir / "cmd.json"));
    }
    // A syslog URL with a password is refused, never quoted back, never resolved.
    const auto url = run_command(bin + " scan 127.0.0.1 --ports 1 --syslog udp://ops:url-s3cret@127.0.0.1:9 --out " +
                                 (dir / "url.json").string());
    CHECK(url.exit_code == 2);
    CHECK(has(url.err, "syslog takes none"));
    CHECK(!has(url.err, "url-s3cret"));
    CHECK(!fs::exists(dir / "url.json"));
}

TEST_CASE("provenance: the html page, the text listing and the ndjson file carry it, the csv stays plain RFC 4180") {
    const auto dir = fresh_temp_dir("provenance-views");
    const auto report = scan_report("", "--html " + (dir / "r.html").string() + " --csv " + (dir / "r.csv").string() +
                                            " --ndjson " + (dir / "r.ndjson").string(),
                                    dir / "r.json");
    const std::string id = report.at("scan").at("id");
    const auto signatures = data_of(report, "signatures").at("sha256").get<std::string>();
    const auto html = read_file(dir / "r.html");
    CHECK(has(html, "<h2>How this report was made</h2>"));
    CHECK(has(html, signatures));
    CHECK(has(html, report.at("provenance").at("build").at("git_commit").get<std::string>()));
    const auto ndjson = read_file(dir / "r.ndjson");
    const auto first = json::parse(ndjson.substr(0, ndjson.find('\n')));
    CHECK(first.at("event").at("dataset") == "camaudit.scan-provenance");
    CHECK(first.at("camaudit").at("scan_id") == id);
    CHECK(first.at("camaudit").at("provenance") == report.at("provenance"));
    CHECK(first.at("observer").at("hostname") == report.at("provenance").at("host"));
    CHECK(read_file(dir / "r.csv").starts_with("ip,mac,hostname,vendor,"));
    const auto text = run_command(bin + " scan 127.0.0.1 --ports 1 --quiet --format text --out -");
    REQUIRE(text.exit_code == 0);
    CHECK(has(text.out, "made by: camaudit "));
    CHECK(has(text.out, "command: " + bin + " scan 127.0.0.1"));
    CHECK(has(text.out, "data: signatures "));
}

TEST_CASE("provenance: passive --read records it too, with no source address (it sends nothing)") {
    const auto dir = fresh_temp_dir("provenance-passive");
    // An empty classic pcap: the 24-byte global header (magic, v2.4, snaplen 65535, Ethernet).
    const unsigned char header[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                      0xff, 0xff, 0, 0, 1, 0, 0, 0};
    write_file(dir / "empty.pcap", std::string(reinterpret_cast<const char*>(header), sizeof header));
    const auto result = run_command(bin + " passive --read " + (dir / "empty.pcap").string() + " --quiet --out " +
                                    (dir / "r.json").string());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = json::parse(read_file(dir / "r.json"));
    CHECK(report.at("provenance").at("command_line").at(1) == "passive");
    CHECK(report.at("provenance").at("source_addresses").empty());
    CHECK(report.at("provenance").at("config").is_null());
}

TEST_CASE("provenance: demo records it too, sent from inside its own namespace") {
    if (geteuid() != 0) {
        MESSAGE("needs root for the demo's private network namespace; skipped");
        return;
    }
    const auto dir = fresh_temp_dir("provenance-demo");
    const auto result = run_command(bin + " demo --quiet --out " + (dir / "demo.json").string());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = json::parse(read_file(dir / "demo.json"));
    CHECK(report.at("provenance").at("command_line").at(1) == "demo");
    CHECK(report.at("provenance").at("source_addresses") == json::array({"127.0.0.1"}));
    CHECK(data_of(report, "signatures").at("files").get<int>() > 10);
}

TEST_CASE("provenance: the report with its provenance validates against the published schema") {
    if (run_command("/usr/bin/python3 -c 'import jsonschema'").exit_code != 0) {
        MESSAGE("python3-jsonschema is not installed; skipped");
        return;
    }
    const auto dir = fresh_temp_dir("provenance-schema");
    write_file(dir / "site.toml", "ports = \"1\"\n");
    scan_report("CAMAUDIT_IEEE_DATA=" + small_registry(dir / "ieee", true).string(),
                "--config " + (dir / "site.toml").string(), dir / "r.json");
    const std::string validate = "/usr/bin/python3 -c 'import json,sys,jsonschema; "
                                 "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' ";
    const std::string schema = CAMAUDIT_SOURCE_DIR "/docs/camaudit.report-1.schema.json";
    const auto good = run_command(validate + (dir / "r.json").string() + " " + schema);
    INFO(good.err);
    CHECK(good.exit_code == 0);
    // The schema is not a rubber stamp for the new block: a malformed hash is refused.
    auto broken = json::parse(read_file(dir / "r.json"));
    broken["provenance"]["config"]["sha256"] = "not-a-hash";
    write_file(dir / "broken.json", broken.dump());
    CHECK(run_command(validate + (dir / "broken.json").string() + " " + schema).exit_code != 0);
}

TEST_CASE("provenance: a bad CAMAUDIT_* variable is exit 2, named, with what is wrong") {
    const auto dir = fresh_temp_dir("provenance-env");
    write_file(dir / "not-a-folder", "x");
    const std::string long_community(300, 'c');
    const std::vector<std::tuple<std::string, std::string, std::string>> refused = {
        {"CAMAUDIT_DATA_DIR=" + (dir / "missing").string(), "CAMAUDIT_DATA_DIR", "is not a folder"},
        {"CAMAUDIT_DATA_DIR=" + dir.string(), "CAMAUDIT_DATA_DIR", "holds no vendors.json"},
        {"CAMAUDIT_IEEE_DATA=" + (dir / "not-a-folder").string(), "CAMAUDIT_IEEE_DATA", "not"},
        {"CAMAUDIT_SITE_FINGERPRINTS=" + dir.string() + ":" + (dir / "missing").string(), "CAMAUDIT_SITE_FINGERPRINTS",
         "'" + (dir / "missing").string() + "' is not a folder"},
        {"CAMAUDIT_ONVIF_CREDENTIALS=" + (dir / "missing").string(), "CAMAUDIT_ONVIF_CREDENTIALS", "not"},
        {"CAMAUDIT_SNMP_COMMUNITY=" + long_community, "CAMAUDIT_SNMP_COMMUNITY", "1 to 255 characters"}};
    for (const auto& [env, name, message] : refused) {
        for (const std::string& command : std::vector<std::string>{" scan 127.0.0.1 --ports 1 --out " + (dir / "r.json").string(), " policies"}) {
            const auto result = run_command(env + " " + bin + command);
            INFO(env.substr(0, 80) << command << ": " << result.err);
            CHECK(result.exit_code == 2);
            CHECK(has(result.err, "environment variable " + name));
            CHECK(has(result.err, message));
            CHECK(!has(result.err, long_community));  // a secret is never quoted
            CHECK(!fs::exists(dir / "r.json"));
        }
    }
}
