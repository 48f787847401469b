// Proves waiver files are checked strictly before a night's run: `camaudit waivers check`
// lists what a good file covers, and a typo'd regulation id, a malformed MAC, a waiver that
// names its device twice or two waivers for one device and rule are exit 2 naming FILE:LINE,
// the same from `waivers check` as from `scan --waivers`, which then sends nothing.
#include "command.hpp"
#include "lab_report.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using camaudit::testing::contains;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::run_command;

namespace {

const std::string bin = CAMAUDIT_BIN;
const std::string data = std::string(" --fingerprints ") + CAMAUDIT_SOURCE_DIR + "/fingerprints";

std::string waiver(const std::string& device_lines, const std::string& regulation = "us-ndaa-889",
                   const std::string& expires = "2099-06-30") {
    return "[[waiver]]\n" + device_lines + "regulation = \"" + regulation +
           "\"\nreason = \"replacement ordered\"\napprover = \"J. Doe\"\nexpires = " + expires + "\n";
}

std::string written(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("waivers check lists a good file's waivers, with a lapsed one said, exit 0") {
    const auto dir = fresh_temp_dir("waivers-good");
    const auto file = written(dir, "w.toml", waiver("mac = \"44-47-CC-01-02-03\"\n") +
                                                 waiver("address = \"127.0.0.5\"\n", "ca-ica-hikvision-2025", "2001-01-01"));
    const auto result = run_command(bin + " waivers check " + file + data);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "valid, 2 waivers"));
    CHECK(contains(result.out, "w.toml:1  mac 44:47:cc:01:02:03 under us-ndaa-889, holds until 2099-06-30"));
    CHECK(contains(result.out, "address 127.0.0.5 under ca-ica-hikvision-2025, LAPSED on 2001-01-01"));
}

TEST_CASE("a bad waiver file is exit 2 naming FILE:LINE, from waivers check and from scan alike") {
    const auto dir = fresh_temp_dir("waivers-bad");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {waiver("mac = \"44:47:cc:01:02:03\"\n", "us-ndaa-899"), "w.toml:1: field 'regulation': 'us-ndaa-899' is not"},
        {waiver("mac = \"44:47:cc:01:02\"\n"), "w.toml:2: field 'mac': '44:47:cc:01:02' is not a MAC address"},
        {waiver("address = \"10.0.0.300\"\n"), "field 'address': '10.0.0.300' is not an IP address"},
        {waiver("mac = \"44:47:cc:01:02:03\"\nserial = \"DS-1\"\n"), "exactly one of mac, serial, address"},
        {waiver("serial = \"DS-1\"\n") + waiver("serial = \"DS-1\"\n"), "w.toml:7: the same device and regulation as the waiver at"}};
    for (const auto& [text, message] : cases) {
        const auto file = written(dir, "w.toml", text);
        const auto check = run_command(bin + " waivers check " + file + data);
        INFO(text << check.err);
        CHECK(check.exit_code == 2);
        CHECK(contains(check.err, message));
        const auto scan = run_command(bin + " scan 127.0.0.1 --ports 1 --quiet --out " + (dir / "r.json").string() +
                                      " --waivers " + file + data);
        CHECK(scan.exit_code == 2);
        CHECK(contains(scan.err, message));
        CHECK_FALSE(std::filesystem::exists(dir / "r.json"));
    }
}
