// The configurable per-exchange and per-host limits (docs/security.md) stay inside their safe
// ranges: a config file or a flag that would switch one off is refused with exit 2, naming the
// key and the range, before any packet; values in range are accepted.
#include "command.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;

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
                 {"exchange_timeout = 3600000", "500-30000"},
                 {"max_observations_per_host = 10", "100-100000"},
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
