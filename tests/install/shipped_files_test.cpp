// The files camaudit ships beside its binary, as a user meets them: the docs show the example
// config and the units verbatim, the example's time budget covers its own dry-run estimate,
// the man page holds every command's --help, and the bash completion completes.
#include "../e2e/command.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <cctype>
#include <sstream>
#include <toml++/toml.h>
#include <vector>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
namespace fs = std::filesystem;

namespace {

const fs::path source = CAMAUDIT_SOURCE_DIR;
const std::string camaudit_bin = CAMAUDIT_BUILT_BIN;

std::string fenced(const std::string& language, const fs::path& file) {
    return "```" + language + "\n" + read_file(file) + "```\n";
}

// Seconds in a duration as configs, the dry run and systemd write it: "2h", "1h30m", "90s",
// "2h30min", "1 h 32 min", "13 min"; a bare number is seconds.
long seconds_of(const std::string& text) {
    long total = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        long n = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) n = n * 10 + (text[i++] - '0');
        while (i < text.size() && text[i] == ' ') ++i;
        std::string unit;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) unit += text[i++];
        total += unit == "h" ? n * 3600 : unit == "m" || unit == "min" ? n * 60 : unit == "ms" ? 0 : n;
    }
    return total;
}

// The dry run's estimate when every address answers: the worst case the budget must cover.
long estimate_all_up(const std::string& dry_run) {
    const std::string before = " if every address is silent, ", after = " if every address is up";
    const auto start = dry_run.find(before);
    REQUIRE(start != std::string::npos);
    const auto end = dry_run.find(after, start);
    REQUIRE(end != std::string::npos);
    return seconds_of(dry_run.substr(start + before.size(), end - start - before.size()));
}

long max_duration_of(const fs::path& config) {
    const auto table = toml::parse_file(config.string());
    if (const auto text = table["max_duration"].value<std::string>()) return seconds_of(*text);
    const auto bare = table["max_duration"].value<long>();
    REQUIRE_MESSAGE(bare, config.string() << " sets no max_duration: a nightly run needs a budget");
    return *bare;
}

std::string unit_setting(const std::string& unit, const std::string& key) {
    std::istringstream in(unit);
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(key + "=")) return line.substr(key.size() + 1);
    return {};
}

std::vector<fs::path> example_configs() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(source / "deploy/examples"))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    return files;
}

// The commands `camaudit ARGS --help` lists under "Subcommands:".
std::vector<std::string> subcommands(const std::string& args) {
    const auto help = run_command(camaudit_bin + " " + args + " --help").out;
    std::vector<std::string> names;
    std::istringstream in(help.substr(help.find("Subcommands:") == std::string::npos ? help.size()
                                                                                    : help.find("Subcommands:")));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line) && !line.empty())
        if (line.starts_with("  ") && std::isalpha(static_cast<unsigned char>(line[2])))
            names.push_back(line.substr(2, line.find(' ', 2) - 2));
    return names;
}

std::string completions(const std::string& words, int current) {
    const auto script = (fs::path(CAMAUDIT_BUILD_DIR) / "camaudit.bash-completion").string();
    return run_command("bash -c 'source " + script + "; COMP_WORDS=(" + words + "); COMP_CWORD=" +
                       std::to_string(current) + "; _camaudit; echo \"${COMPREPLY[*]}\"'")
        .out;
}

}  // namespace

TEST_CASE("the docs show the shipped example config and systemd units verbatim") {
    CHECK(read_file(source / "docs/configuration.md").find(fenced("toml", source / "deploy/examples/site.toml")) !=
          std::string::npos);
    const auto scheduling = read_file(source / "docs/scheduling.md");
    CHECK(scheduling.find(fenced("ini", source / "deploy/systemd/camaudit.service")) != std::string::npos);
    CHECK(scheduling.find(fenced("ini", source / "deploy/systemd/camaudit.timer")) != std::string::npos);
}

TEST_CASE("every shipped example config is valid and its time budget covers its dry-run estimate") {
    const auto examples = example_configs();
    REQUIRE_FALSE(examples.empty());
    const auto out = fresh_temp_dir("install-examples");
    for (const auto& config : examples) {
        // --out: the example writes to the service's state folder, absent outside the unit.
        const auto dry = run_command(camaudit_bin + " scan --config " + config.string() + " --dry-run --out " +
                                     out.string() + "/");
        INFO(config.string() << "\n" << dry.out << dry.err);
        REQUIRE(dry.exit_code == 0);
        const long budget = max_duration_of(config);
        const long estimate = estimate_all_up(dry.out);
        CHECK(estimate > 0);
        CHECK_MESSAGE(budget >= estimate, "max_duration " << budget << " s cannot cover the estimate "
                                                          << estimate << " s: every night would exit 4");
    }
    fs::remove_all(out);
}

TEST_CASE("the service reads the example's folder, outlives its budget, and creates its report folder") {
    const auto service = read_file(source / "deploy/systemd/camaudit.service");
    const auto site = source / "deploy/examples/site.toml";
    CHECK(unit_setting(service, "ExecStart").find("--config /etc/camaudit/site.toml") != std::string::npos);
    CHECK(seconds_of(unit_setting(service, "TimeoutStartSec")) > max_duration_of(site));
    const auto out = toml::parse_file(site.string())["out"].value<std::string>();
    REQUIRE(out);
    CHECK(*out == "/var/lib/" + unit_setting(service, "StateDirectory") + "/");
}

TEST_CASE("the man page holds every command's --help and renders without a warning") {
    const auto page = (fs::path(CAMAUDIT_BUILD_DIR) / "camaudit.1").string();
    const auto rendered = run_command("LC_ALL=C MANWIDTH=200 man --warnings -l " + page);
    INFO(rendered.err);
    CHECK(rendered.exit_code == 0);
    CHECK(rendered.err.empty());
    std::vector<std::string> paths;
    for (const auto& name : subcommands("")) {
        paths.push_back(name);
        for (const auto& sub : subcommands(name)) paths.push_back(name + " " + sub);
    }
    CHECK(paths.size() >= 10);
    for (const auto& path : paths) {
        INFO("camaudit " << path);
        CHECK(rendered.out.find("camaudit " + path + "\n") != std::string::npos);
        std::istringstream help(run_command(camaudit_bin + " " + path + " --help").out);
        for (std::string line; std::getline(help, line);)
            if (!line.empty()) CHECK(rendered.out.find(line) != std::string::npos);
    }
    CHECK(rendered.out.find("/etc/camaudit/site.toml") != std::string::npos);
}

TEST_CASE("the bash completion completes commands, subcommands, options and file names") {
    CHECK(completions("camaudit sc", 1) == "scan\n");
    CHECK(completions("camaudit fingerprints \"\"", 2) == "test explain\n");
    CHECK(completions("camaudit scan --max-d", 2) == "--max-duration\n");
    CHECK(completions("camaudit config check --he", 3) == "--help\n");
    CHECK(completions("camaudit diff " + (source / "READM").string(), 2) == (source / "README.md").string() + "\n");
}
