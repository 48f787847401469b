// Proves that `camaudit scan` is safe against devices whose answers attack the parser rather than
// the connection (tests/lab/hostile/hostile-xml-*, hostile-redirect-*, hostile-huge-xml): an
// entity bomb is not expanded, external entities are neither read nor fetched, 32 MiB of nested
// XML is cut at the body cap, broken XML and redirect loops end in a recorded error or nothing,
// and the scan stays fast and small. (That nothing is fetched from the lures' addresses is
// proven on the wire by scope_capture_test.cpp.)
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::filesystem::path hostile_dir = std::filesystem::path(CAMAUDIT_SOURCE_DIR) / "tests/lab/hostile";
const std::filesystem::path a_normal_device = std::filesystem::path(CAMAUDIT_SOURCE_LAB_DIR) / "axis-m1065lw-fw9.json";
constexpr auto time_bound = std::chrono::seconds(40);
const long memory_bound_kib = 128 * 1024 * camaudit::testing::sanitizer_memory_factor();  // an expanded bomb would need gigabytes
const bool have_gnu_time = std::filesystem::exists("/usr/bin/time");

struct AnswersScan {
    int exit_code = -1;
    std::chrono::milliseconds elapsed{};
    long peak_kib = -1;
    std::string everything_written;  // every report view and stderr, for text searches
    json report;
    std::map<std::string, std::string> address_of;
};

// The hostile devices without a `behaviour` (they answer HTTP normally, but with attacks), the
// enormous-XML one, and one normal camera as a control.
std::filesystem::path answer_devices(const std::filesystem::path& work) {
    const auto dir = work / "devices";
    std::filesystem::create_directories(dir);
    for (const auto& entry : std::filesystem::directory_iterator(hostile_dir)) {
        const auto profile = json::parse(read_file(entry.path()));
        if (!profile.contains("behaviour") || profile.at("behaviour") == "huge_xml")
            std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
    }
    if (std::filesystem::exists(a_normal_device))
        std::filesystem::copy_file(a_normal_device, dir / a_normal_device.filename());
    return dir;
}

const AnswersScan& answers_scan() {
    static const AnswersScan scan = [] {
        AnswersScan s;
        const auto work = fresh_temp_dir("hostile-answers");
        const auto devices = answer_devices(work);
        const std::string lab = std::string(CAMAUDIT_LAB_BIN) + " --devices " + devices.string();
        for (const auto& place : json::parse(run_command(lab + " --list").out))
            s.address_of[place.at("id").get<std::string>()] = place.at("address").get<std::string>();
        const auto memory = work / "peak-kib.txt";
        const std::string timed = have_gnu_time ? "/usr/bin/time -f %M -o " + memory.string() + " " : "";
        const auto start = std::chrono::steady_clock::now();
        const auto result = run_command(lab + " -- " + timed + CAMAUDIT_BIN + " scan 127.0.1.0/27 --rate 20000 --seed 7" +
                                        " --out " + (work / "r.json").string() + " --ndjson " + (work / "r.ndjson").string() +
                                        " --csv " + (work / "r.csv").string());
        s.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        s.exit_code = result.exit_code;
        const auto text = read_file(work / "r.json");
        REQUIRE_MESSAGE(!text.empty(), "no report; stderr: " << result.err);
        s.report = json::parse(text);
        s.everything_written = text + read_file(work / "r.ndjson") + read_file(work / "r.csv") + result.out + result.err;
        if (have_gnu_time) {
            auto lines = read_file(memory);
            while (!lines.empty() && lines.back() == '\n') lines.pop_back();
            s.peak_kib = std::stol(lines.substr(lines.rfind('\n') + 1));
        }
        return s;
    }();
    return scan;
}

std::vector<std::string> errors_at(const json& report, const std::string& ip) {
    std::vector<std::string> found;
    for (const auto& error : report.at("errors"))
        if (error.at("target").get<std::string>().starts_with(ip + ":"))
            found.push_back(error.at("probe").get<std::string>() + ": " + error.at("message").get<std::string>());
    return found;
}

std::string first_line_of(const std::filesystem::path& file) {
    const auto text = read_file(file);
    return text.substr(0, text.find('\n'));
}

}  // namespace

static void check_1() {  // hostile answers: the scan finishes in bounded time and memory, complete
    const auto& scan = answers_scan();
    MESSAGE("scan among hostile answers: " << scan.elapsed.count() << " ms, peak RSS " << scan.peak_kib << " KiB");
    CHECK((scan.exit_code == 0 || scan.exit_code == 1));
    CHECK(scan.elapsed < time_bound);
    CHECK(scan.report.at("scan").at("complete") == true);
    if (have_gnu_time) CHECK(scan.peak_kib < memory_bound_kib);
}

static void check_2() {  // hostile answers: an entity bomb is refused, never expanded
    const auto& scan = answers_scan();
    const auto& ip = scan.address_of.at("hostile-xml-bomb");
    CHECK(scan.everything_written.find("lollol") == std::string::npos);
    const auto errors = errors_at(scan.report, ip);
    INFO(json(errors).dump());
    CHECK(std::any_of(errors.begin(), errors.end(), [](const auto& e) { return e.find("malformed SOAP") != std::string::npos; }));
}

static void check_3() {  // hostile answers: external entities are neither read nor fetched
    const auto& scan = answers_scan();
    const auto& ip = scan.address_of.at("hostile-xml-external");
    const auto passwd = first_line_of("/etc/passwd");
    REQUIRE(!passwd.empty());
    CHECK(scan.everything_written.find(passwd) == std::string::npos);
    CHECK(scan.everything_written.find("root:x:0:0") == std::string::npos);
    const auto errors = errors_at(scan.report, ip);
    INFO(json(errors).dump());
    CHECK(std::any_of(errors.begin(), errors.end(), [](const auto& e) { return e.find("malformed SOAP") != std::string::npos; }));
}

static void check_4() {  // hostile answers: malformed and enormous XML end in a recorded error, the body cut at its cap
    const auto& scan = answers_scan();
    for (const char* id : {"hostile-xml-malformed", "hostile-huge-xml"}) {
        const auto errors = errors_at(scan.report, scan.address_of.at(id));
        INFO(id, ": ", json(errors).dump());
        CHECK_FALSE(errors.empty());
    }
}

static void check_5() {  // hostile answers: redirect loops and redirects out of scope are not followed; the control camera is still named
    const auto& scan = answers_scan();
    for (const auto& device : scan.report.at("devices")) {
        INFO(device.dump());
        const auto ip = device.at("ip").get<std::string>();
        CHECK(ip.starts_with("127.0.1."));
        if (ip == scan.address_of.at("hostile-redirect-out") || ip == scan.address_of.at("hostile-redirect-loop"))
            CHECK(device.at("compliance").at("status") != "prohibited");
    }
    REQUIRE(scan.address_of.count("axis-m1065lw-fw9") == 1);
    const auto truth = json::parse(read_file(a_normal_device)).at("truth").at("vendor").get<std::string>();
    std::string named;
    for (const auto& device : scan.report.at("devices"))
        if (device.at("ip") == scan.address_of.at("axis-m1065lw-fw9")) named = device.value("vendor", "");
    CHECK(named == truth);
}

// One process, one scan: each SUBCASE reuses it (CTest runs every TEST_CASE in its own process).
TEST_CASE("hostile answers: XML attacks and redirects are refused, recorded and cheap") {
    SUBCASE("hostile answers: the scan finishes in bounded time and memory, complete") { check_1(); }
    SUBCASE("hostile answers: an entity bomb is refused, never expanded") { check_2(); }
    SUBCASE("hostile answers: external entities are neither read nor fetched") { check_3(); }
    SUBCASE("hostile answers: malformed and enormous XML end in a recorded error, the body cut at its cap") { check_4(); }
    SUBCASE("hostile answers: redirect loops and redirects out of scope are not followed; the control camera is still named") { check_5(); }
}
