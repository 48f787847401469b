// The hostile lab at (light) scale, as CI can afford it: 100 normal devices and 20 hostile ones
// (copies of the lab profiles, made by bench/hostile_scale.sh, which also runs the full 500 + 100
// benchmark). Every normal device must be named as in a scan of the normal lab alone, every
// hostile one recorded, within the time and memory bounds (figures in bench/README.md).
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

constexpr int normal_devices = 100;
constexpr int hostile_devices = 20;
constexpr int time_bound_s = 120;
const int memory_bound_mib = 256 * camaudit::testing::sanitizer_memory_factor();

}  // namespace

TEST_CASE("hostile scale: 100 normal and 20 hostile devices, every normal one named as alone, in bounds") {
    if (!std::filesystem::exists("/usr/bin/time")) {
        MESSAGE("skipped: /usr/bin/time (Debian package `time`) is not installed");
        return;
    }
    const auto result = run_command(std::string("CAMAUDIT_BIN=") + CAMAUDIT_BIN + " CAMAUDIT_LAB_BIN=" + CAMAUDIT_LAB_BIN +
                                    " TIME_BOUND=" + std::to_string(time_bound_s) +
                                    " MEMORY_BOUND_MIB=" + std::to_string(memory_bound_mib) + " " + CAMAUDIT_SOURCE_DIR +
                                    "/bench/hostile_scale.sh " + std::to_string(normal_devices) + " " +
                                    std::to_string(hostile_devices));
    INFO(result.out, result.err);
    MESSAGE(result.out);
    const auto last_line = result.out.rfind("\n{");  // the script's last line is its figures as JSON
    REQUIRE(last_line != std::string::npos);
    const auto figures = json::parse(result.out.substr(last_line + 1));
    for (const auto& [check, passed] : figures.at("checks").items()) {
        INFO(check);
        CHECK(passed == true);
    }
    CHECK(result.exit_code == 0);
}
