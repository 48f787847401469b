// Proves the progress line a user watches: against the lab's Hikvision camera (a banned maker)
// `camaudit scan --progress` counts it prohibited while the scan runs, a log (stderr not a
// terminal) keeps plain lines with the final counts and no terminal escapes, and on a terminal
// (a pty from script(1)) the line is cleared before the summary.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::string hikvision_profile = "hik-ipc-ds2cd2032-i-v545";

std::string lab_address(const std::string& id) {
    const auto listing = run_command(std::string(CAMAUDIT_LAB_BIN) + " --list");
    REQUIRE(listing.exit_code == 0);
    for (const auto& placement : json::parse(listing.out))
        if (placement.at("id") == id) return placement.at("address").get<std::string>();
    FAIL("the lab has no profile " << id);
    return {};
}

std::string scan_of(const std::string& address, const std::filesystem::path& out) {
    return std::string(CAMAUDIT_BIN) + " scan " + address + " --rate 20000 --seed 7 --progress --out " + out.string();
}

// The last progress line's "N prohibited, M open ports" (the test's own reading, not the
// scanner's code; the summary's "1 prohibited, 0 review" is not a progress line).
long last_prohibited(const std::string& text) {
    long last = -1;
    for (auto at = text.find(" prohibited, "); at != std::string::npos; at = text.find(" prohibited, ", at + 1)) {
        auto after = at + 13;
        while (after < text.size() && std::isdigit(static_cast<unsigned char>(text[after]))) ++after;
        if (text.compare(after, 11, " open ports") != 0) continue;
        auto start = at;
        while (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1]))) --start;
        if (start < at) last = std::stol(text.substr(start, at - start));
    }
    return last;
}

}  // namespace

TEST_CASE("progress: a scan of the lab's Hikvision camera counts it prohibited, in plain lines when stderr is a log") {
    const auto address = lab_address(hikvision_profile);
    const auto dir = fresh_temp_dir("progress-log");
    const auto result = run_command(std::string(CAMAUDIT_LAB_BIN) + " -- " + scan_of(address, dir / "r.json"));
    INFO(result.err);
    CHECK(result.exit_code == 1);  // the report agrees: a prohibited device
    CHECK(last_prohibited(result.err) == 1);
    CHECK(result.err.find("\x1b[K") == std::string::npos);  // no terminal escapes in a log
    CHECK(result.err.find('\r') == std::string::npos);
}

TEST_CASE("progress: on a terminal the line is redrawn in place and cleared before the summary") {
    if (std::system("command -v script >/dev/null 2>&1") != 0) {
        MESSAGE("needs script(1) for a pty; skipped");
        return;
    }
    const auto address = lab_address(hikvision_profile);
    const auto dir = fresh_temp_dir("progress-tty");
    // script(1) gives the scan a pty as stdout and stderr and copies what it wrote to ours.
    const auto result = run_command(std::string(CAMAUDIT_LAB_BIN) + " -- script -qec '" + scan_of(address, dir / "r.json") +
                                    "' /dev/null");
    INFO(result.out);
    CHECK(result.exit_code == 1);
    CHECK(last_prohibited(result.out) >= 0);  // the line was drawn (the verdict may land after its last draw)
    const auto cleared = result.out.rfind("\r\x1b[K");
    REQUIRE(cleared != std::string::npos);
    const auto last_line = result.out.rfind(" open ports");
    CHECK(last_line < cleared);  // nothing of the line is left after the clear
    CHECK(result.out.find("camaudit: ", cleared) != std::string::npos);  // the summary follows
}
