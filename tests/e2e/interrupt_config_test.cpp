// Proves an interrupted scan still writes its report, marked incomplete, within a couple of
// seconds of SIGINT; and that `scan --config` reads the same options from TOML, refusing a
// bad file with its line.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <spawn.h>
#include <thread>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;

extern char** environ;

namespace {

pid_t spawn(std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    REQUIRE(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
    return pid;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("SIGINT stops a scan within seconds and the report says it is incomplete") {
    const auto dir = fresh_temp_dir("interrupt");
    const auto report = dir / "report.json";
    // A slow scan (10 connects a second over a /24): it cannot finish before the signal.
    const pid_t pid = spawn({CAMAUDIT_LAB_BIN, "--", CAMAUDIT_BIN, "scan", "127.0.1.0/24", "--rate", "10",
                             "--quiet", "--out", report.string()});
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const auto signalled = std::chrono::steady_clock::now();
    REQUIRE(kill(pid, SIGINT) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
    CHECK(seconds < 3.0);
    REQUIRE(WIFEXITED(status));
    const auto json = nlohmann::json::parse(read_file(report));
    // 1 when a prohibited device was found before the signal, else 4: never 0 for a cut run.
    CHECK(WEXITSTATUS(status) == (json.at("summary").at("prohibited").get<int>() > 0 ? 1 : 4));
    CHECK(json.at("scan").at("complete") == false);
    CHECK(json.at("scan").at("options").at("stopped").get<std::string>().find("SIGINT") != std::string::npos);
}

TEST_CASE("scan --config reads its options from TOML, the command line wins") {
    const auto dir = fresh_temp_dir("config");
    const auto config = dir / "site.toml";
    write_file(config, "# nightly audit\ntargets = [\"127.0.0.1\"]\nports = \"1\"\nrate = 100.0\nout = \"-\"\n");
    const auto result = run_command(std::string(CAMAUDIT_BIN) + " scan --config " + config.string() + " --quiet");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json.at("scan").at("targets") == nlohmann::json::array({"127.0.0.1"}));
    CHECK(json.at("scan").at("options").at("ports") == "1");
    const auto overridden =
        run_command(std::string(CAMAUDIT_BIN) + " scan --config " + config.string() + " --ports 2 --quiet");
    CHECK(nlohmann::json::parse(overridden.out).at("scan").at("options").at("ports") == "2");
}

TEST_CASE("a bad config file is refused with its file and line") {
    const auto dir = fresh_temp_dir("bad-config");
    const auto unknown = dir / "unknown.toml";
    write_file(unknown, "targets = [\"127.0.0.1\"]\nspeed = 9\n");
    auto result = run_command(std::string(CAMAUDIT_BIN) + " scan --config " + unknown.string());
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(unknown.string() + ":2") != std::string::npos);
    CHECK(result.err.find("'speed'") != std::string::npos);
    const auto wrong_type = dir / "type.toml";
    write_file(wrong_type, "targets = \"127.0.0.1\"\n");
    result = run_command(std::string(CAMAUDIT_BIN) + " scan --config " + wrong_type.string());
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("array of strings") != std::string::npos);
    const auto broken = dir / "broken.toml";
    write_file(broken, "targets = [\"127.0.0.1\"\n");
    result = run_command(std::string(CAMAUDIT_BIN) + " scan --config " + broken.string());
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(broken.string() + ":") != std::string::npos);
}
