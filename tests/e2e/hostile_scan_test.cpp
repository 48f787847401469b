// Proves that `camaudit scan` survives hostile devices (dripping, huge headers, endless bodies,
// garbage, resets, silence; tests/lab/hostile/): it finishes in bounded time and memory, records
// each of them in `errors`, and identifies every normal device exactly as without them.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::filesystem::path normal_dir = CAMAUDIT_SOURCE_LAB_DIR;
const std::filesystem::path hostile_dir = std::filesystem::path(CAMAUDIT_SOURCE_DIR) / "tests/lab/hostile";
constexpr auto scan_time_bound = std::chrono::seconds(60);
const long memory_bound_kib = 256 * 1024 * camaudit::testing::sanitizer_memory_factor();  // peak RSS of camaudit, whatever the devices send
const bool have_gnu_time = std::filesystem::exists("/usr/bin/time");

struct Scan {
    int exit_code = -1;
    std::string stderr_text;
    std::chrono::milliseconds elapsed{};
    long peak_kib = -1;  // -1 when /usr/bin/time is missing
    json report;
    std::map<std::string, std::string> address_of;  // device id -> address
};

// Runs `camaudit-lab --devices DIR -- camaudit scan 127.0.1.0/25` (under GNU time when it
// is installed) and reads back the report and the placement.
Scan scan_lab(const std::filesystem::path& devices, const std::filesystem::path& work) {
    Scan s;
    const auto listing = run_command(std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string() + " --list");
    REQUIRE(listing.exit_code == 0);
    for (const auto& place : json::parse(listing.out))
        s.address_of[place.at("id").get<std::string>()] = place.at("address").get<std::string>();
    const auto report_path = work / "report.json";
    const auto memory_path = work / "peak-kib.txt";
    const std::string timed = have_gnu_time ? "/usr/bin/time -f %M -o " + memory_path.string() + " " : "";
    const auto start = std::chrono::steady_clock::now();
    const auto result = run_command(std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string() + " -- " +
                                    timed + CAMAUDIT_BIN + " scan 127.0.1.0/25 --rate 20000 --seed 7 --out " +
                                    report_path.string());
    s.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    s.exit_code = result.exit_code;
    s.stderr_text = result.err;
    const auto text = read_file(report_path);
    REQUIRE_MESSAGE(!text.empty(), "no report; stderr: " << result.err);
    s.report = json::parse(text);
    if (have_gnu_time) {  // the last line; GNU time puts "Command exited with non-zero status" before it
        auto lines = read_file(memory_path);
        while (!lines.empty() && lines.back() == '\n') lines.pop_back();
        s.peak_kib = std::stol(lines.substr(lines.rfind('\n') + 1));
    }
    return s;
}

// A folder holding copies of every normal profile and every hostile one.
std::filesystem::path mixed_devices(const std::filesystem::path& work) {
    const auto dir = work / "devices";
    std::filesystem::create_directories(dir);
    for (const auto& source : {normal_dir, hostile_dir})
        for (const auto& entry : std::filesystem::directory_iterator(source))
            if (entry.path().extension() == ".json")
                std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
    return dir;
}

const Scan& hostile_scan() {
    static const Scan scan = [] {
        const auto work = fresh_temp_dir("hostile-scan");
        return scan_lab(mixed_devices(work), work);
    }();
    return scan;
}

const Scan& normal_scan() {
    static const Scan scan = [] { return scan_lab(normal_dir, fresh_temp_dir("hostile-baseline")); }();
    return scan;
}

std::set<std::string> hostile_ids() {
    std::set<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(hostile_dir)) {
        const auto profile = json::parse(read_file(entry.path()));
        if (profile.contains("behaviour")) ids.insert(profile.at("id").get<std::string>());  // XML, redirects: hostile_answers_test
    }
    return ids;
}

const json* device_at(const json& report, const std::string& ip) {
    for (const auto& device : report.at("devices"))
        if (device.at("ip") == ip) return &device;
    return nullptr;
}

std::vector<std::string> errors_at(const json& report, const std::string& ip) {
    std::vector<std::string> found;
    for (const auto& error : report.at("errors"))
        if (error.at("target").get<std::string>().starts_with(ip + ":"))
            found.push_back(error.at("probe").get<std::string>() + ": " + error.at("message").get<std::string>());
    return found;
}

}  // namespace

TEST_CASE("a scan among hostile devices finishes in bounded time, complete, with exit code 1") {
    const auto& scan = hostile_scan();
    INFO(scan.stderr_text);
    MESSAGE("scan with hostile devices took " << scan.elapsed.count() << " ms; without them "
                                              << normal_scan().elapsed.count() << " ms");
    CHECK(scan.exit_code == 1);
    CHECK(scan.elapsed < scan_time_bound);
    CHECK(scan.report.at("scan").at("complete") == true);
    CHECK(scan.report.at("scan").at("hosts_probed").get<int>() == 128);
    CHECK(scan.report.at("summary").at("prohibited").get<int>() > 0);
}

// A hostile device answers nothing a signature could use: any claim about it may rest only on
// which ports are open (port 8000 alone is a weak Hikvision hint, hence `review` at most).
void check_claims_only_from_ports(const json& device) {
    CHECK(device.at("compliance").at("status") != "prohibited");
    for (const auto& evidence : device.at("evidence")) {
        INFO(evidence.dump());
        CHECK(evidence.at("field") == "tcp.port.open");
    }
}

TEST_CASE("every hostile device is recorded in errors, and nothing it sent is taken as evidence") {
    const auto& scan = hostile_scan();
    const auto ids = hostile_ids();
    REQUIRE(ids.size() == 7);
    for (const auto& id : ids) {
        const auto& ip = scan.address_of.at(id);
        INFO(id, " at ", ip);
        const auto errors = errors_at(scan.report, ip);
        CHECK_FALSE(errors.empty());
        if (const json* device = device_at(scan.report, ip)) check_claims_only_from_ports(*device);
    }
}

TEST_CASE("hostile devices do not change how any normal device is identified") {
    const auto& with = hostile_scan();
    const auto& without = normal_scan();
    int compared = 0;
    for (const auto& [id, ip_without] : without.address_of) {
        INFO(id, " at ", ip_without, " (alone) and ", with.address_of.at(id), " (among hostile devices)");
        const json* alone = device_at(without.report, ip_without);
        const json* among = device_at(with.report, with.address_of.at(id));
        CHECK((alone == nullptr) == (among == nullptr));
        if (alone == nullptr || among == nullptr) continue;
        ++compared;
        CHECK(among->value("vendor", "") == alone->value("vendor", ""));
        CHECK(among->at("compliance").at("status") == alone->at("compliance").at("status"));
        CHECK(errors_at(with.report, with.address_of.at(id)).size() == errors_at(without.report, ip_without).size());
    }
    CHECK(compared >= 55);
}

TEST_CASE("camaudit's peak memory stays bounded among hostile devices") {
    if (!have_gnu_time) {
        MESSAGE("skipped: /usr/bin/time (Debian package `time`) is not installed");
        return;
    }
    const auto& with = hostile_scan();
    const auto& without = normal_scan();
    MESSAGE("peak RSS of camaudit: " << with.peak_kib << " KiB among hostile devices, " << without.peak_kib
                                     << " KiB without");
    CHECK(with.peak_kib > 0);
    CHECK(with.peak_kib < memory_bound_kib);
    CHECK(with.peak_kib < without.peak_kib + 64 * 1024);  // the 4 MiB header and endless bodies are capped
}
