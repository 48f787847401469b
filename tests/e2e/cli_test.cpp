// Proves the command line behaves as the help promises: refusals with exit 2 that quote the
// bad token, exit 3 for an unwritable report before any scanning, help and version texts,
// the JSON report on stdout with --out -, and the demo's report.
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;

namespace {
const std::string camaudit_bin = CAMAUDIT_BIN;
}

TEST_CASE("scan without a target is refused with a hint") {
    const auto result = run_command(camaudit_bin + " scan");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("no target") != std::string::npos);
    CHECK(result.err.find("hint") != std::string::npos);
}

TEST_CASE("a malformed target is refused, quoted") {
    const auto result = run_command(camaudit_bin + " scan 127.0.0.300 --out -");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("'127.0.0.300'") != std::string::npos);
    CHECK(result.out.empty());
}

TEST_CASE("a malformed flag value is refused") {
    CHECK(run_command(camaudit_bin + " scan 127.0.0.1 --rate fast").exit_code == 2);
    CHECK(run_command(camaudit_bin + " scan 127.0.0.1 --ports 99999").exit_code == 2);
    CHECK(run_command(camaudit_bin + " scan 127.0.0.1 --shard 5/4").exit_code == 2);
    CHECK(run_command(camaudit_bin + " scan 127.0.0.1 --format yaml").exit_code == 2);
    CHECK(run_command(camaudit_bin + " scan 127.0.0.1 --policy no-such-rule").exit_code == 2);
    CHECK(run_command(camaudit_bin + " frobnicate").exit_code == 2);
}

TEST_CASE("an oversized scope needs --allow-large") {
    const auto result = run_command(camaudit_bin + " scan 127.0.0.0/8 --out -");
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--allow-large") != std::string::npos);
}

TEST_CASE("an unwritable report path fails with exit 3 before scanning") {
    const auto result = run_command(camaudit_bin + " scan 127.0.0.1 --out /nonexistent-dir/r.json");
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("/nonexistent-dir/r.json") != std::string::npos);
}

TEST_CASE("help and version") {
    const auto help = run_command(camaudit_bin + " scan --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("EXAMPLES") != std::string::npos);
    CHECK(help.out.find("EXIT STATUS") != std::string::npos);
    CHECK(help.out.find("--exclude") != std::string::npos);
    const auto version = run_command(camaudit_bin + " --version");
    CHECK(version.exit_code == 0);
    CHECK(version.out.find("camaudit 0.") == 0);
}

TEST_CASE("--out - writes the JSON report to stdout, a closed port host is not a device") {
    const auto result = run_command(camaudit_bin + " scan 127.0.0.1 --ports 1 --quiet --out -");
    CHECK(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report.at("schema") == "camaudit.report/1");
    CHECK(report.at("devices").empty());
}

TEST_CASE("fingerprints test and policies run over the installed data") {
    const auto test = run_command(camaudit_bin + " fingerprints test");
    INFO(test.err);
    CHECK(test.exit_code == 0);
    CHECK(test.out.find(" 0 failed") != std::string::npos);
    const auto policies = run_command(camaudit_bin + " policies");
    CHECK(policies.exit_code == 0);
    CHECK(policies.out.find("us-ndaa-889") != std::string::npos);
    CHECK(policies.out.find("ca-ica-hikvision-2025") != std::string::npos);
    CHECK(policies.out.find("in-cctv-essential-requirements-2024  [opt-in: only with --policy]") != std::string::npos);
    CHECK(policies.out.find("no vendor named (every camera)") != std::string::npos);
}

TEST_CASE("the demo scans the lab and prints its compliance report") {
    const auto dir = fresh_temp_dir("demo");
    const auto result = run_command(camaudit_bin + " demo --out " + (dir / "demo.json").string());
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Hikvision") != std::string::npos);
    CHECK(result.out.find("prohibited") != std::string::npos);
    CHECK(result.out.find("us-ndaa-889") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "demo.json"));
}

TEST_CASE("a normal user can run the demo (an unprivileged user and network namespace)") {
    if (geteuid() != 0) {
        MESSAGE("already unprivileged: the demo case above covers it");
        return;
    }
    if (read_file("/proc/sys/user/max_user_namespaces").starts_with("0")) {
        MESSAGE("this kernel allows no unprivileged user namespaces; the demo falls back to root");
        return;
    }
    // An installed layout under /tmp, so the user can reach it wherever the build lives.
    namespace fs = std::filesystem;
    const auto prefix = fresh_temp_dir("installed");
    fs::create_directories(prefix / "bin");
    fs::create_directories(prefix / "share");
    fs::copy_file(camaudit_bin, prefix / "bin" / "camaudit");
    fs::copy(CAMAUDIT_SOURCE_DIR "/fingerprints", prefix / "share" / "camaudit", fs::copy_options::recursive);
    fs::copy(CAMAUDIT_SOURCE_LAB_DIR, prefix / "share" / "camaudit" / "lab", fs::copy_options::recursive);
    fs::permissions(prefix, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
    const auto result = run_command("cd / && setpriv --reuid=65534 --regid=65534 --clear-groups " +
                                    (prefix / "bin" / "camaudit").string() + " demo --quiet");
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("prohibited") != std::string::npos);
}
