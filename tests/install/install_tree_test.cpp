// `cmake --install` into a throwaway /usr/local (a tmpfs in a private mount namespace, so the
// machine's own /usr/local never changes): the installed binary finds its installed data, the
// units pass `systemd-analyze verify`, `man camaudit` opens, and the installed example config
// passes `camaudit config check` once the unit's state folder exists. Root; SKIPPED without.
#define DOCTEST_CONFIG_IMPLEMENT
#include "../e2e/command.hpp"
#include "../skip_or_run.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
namespace fs = std::filesystem;

namespace {

// Each step's stdout, stderr and exit code land in OUT/STEP.{out,err,rc}, outside the tmpfs.
const char* const install_script = R"(set -u
out=$1 build=$2
mount -t tmpfs camaudit-test /usr/local || exit 90
mount -t tmpfs camaudit-test /var/lib || exit 91
step() { local name=$1; shift; "$@" >"$out/$name.out" 2>"$out/$name.err"; echo $? >"$out/$name.rc"; }
step install )" CAMAUDIT_CMAKE R"( --install "$build" --prefix /usr/local
step version /usr/local/bin/camaudit --version
step verify systemd-analyze verify /usr/local/lib/systemd/system/camaudit.service /usr/local/lib/systemd/system/camaudit.timer
step man env LC_ALL=C MANWIDTH=200 MANPAGER=cat man camaudit
step data /usr/local/bin/camaudit fingerprints test
step config_before /usr/local/bin/camaudit config check /usr/local/share/doc/camaudit/examples/site.toml
mkdir /var/lib/camaudit   # what the unit's StateDirectory= does before the first run
step config /usr/local/bin/camaudit config check /usr/local/share/doc/camaudit/examples/site.toml
step completion bash -c 'source /usr/local/share/bash-completion/completions/camaudit; COMP_WORDS=(camaudit sc); COMP_CWORD=1; _camaudit; echo "${COMPREPLY[*]}"'
step files find /usr/local -type f
)";

struct Step {
    int exit_code;
    std::string out;
    std::string err;
};

Step step(const fs::path& dir, const std::string& name) {
    const auto rc = read_file(dir / (name + ".rc"));
    return {rc.empty() ? -1 : std::stoi(rc), read_file(dir / (name + ".out")), read_file(dir / (name + ".err"))};
}

const char* missing_precondition() {
    if (geteuid() != 0) return "cmake --install into a private /usr/local needs root (a mount namespace)";
    for (const char* tool : {"unshare", "systemd-analyze", "man"})
        if (run_command(std::string("command -v ") + tool).exit_code != 0) return "unshare, systemd-analyze or man missing";
    return nullptr;
}

}  // namespace

TEST_CASE("cmake --install gives a tree that works from /usr/local as shipped") {
    const bool had_own = fs::exists("/usr/local/bin/camaudit");
    const auto dir = fresh_temp_dir("install-tree");
    std::ofstream(dir / "install.sh") << install_script;
    const auto run = run_command("unshare --mount --propagation private bash " + (dir / "install.sh").string() + " " +
                                 dir.string() + " " CAMAUDIT_BUILD_DIR);
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);

    const auto install = step(dir, "install");
    INFO(install.out << install.err);
    REQUIRE(install.exit_code == 0);
    const auto version = step(dir, "version");
    CHECK(version.exit_code == 0);
    CHECK(version.out == run_command(CAMAUDIT_BUILT_BIN " --version").out);

    const auto verify = step(dir, "verify");
    INFO("systemd-analyze verify: " << verify.err);
    CHECK(verify.exit_code == 0);
    CHECK(verify.err.empty());

    const auto man = step(dir, "man");
    INFO("man camaudit: " << man.err);
    CHECK(man.exit_code == 0);
    CHECK(man.out.find("camaudit - network camera inventory and compliance scanner") != std::string::npos);
    CHECK(man.out.find("EXIT STATUS") != std::string::npos);

    // The installed data, found beside the installed binary without a variable or a flag.
    const auto data = step(dir, "data");
    INFO(data.out << data.err);
    CHECK(data.exit_code == 0);
    CHECK(data.out.find("checked in /usr/local/bin/../share/camaudit: 0 failed") != std::string::npos);

    // Before the first run the report folder is missing (exit 3 naming it); the unit's
    // StateDirectory= creates it, and then the example config is valid as shipped.
    const auto before = step(dir, "config_before");
    CHECK(before.exit_code == 3);
    CHECK(before.err.find("/var/lib/camaudit") != std::string::npos);
    const auto config = step(dir, "config");
    INFO(config.out << config.err);
    CHECK(config.exit_code == 0);
    CHECK(config.out.find("site.toml: valid") != std::string::npos);
    CHECK(config.out.find("report: /var/lib/camaudit/camaudit-") != std::string::npos);

    CHECK(step(dir, "completion").out == "scan\n");
    const auto files = step(dir, "files").out;
    for (const char* shipped : {"/usr/local/share/man/man1/camaudit.1", "/usr/local/share/doc/camaudit/LICENSE",
                                "/usr/local/share/doc/camaudit/README.md", "/usr/local/share/doc/camaudit/docs/configuration.md",
                                "/usr/local/share/doc/camaudit/examples/branch-offices.txt",
                                "/usr/local/share/camaudit/vendors.json", "/usr/local/lib/systemd/system/camaudit.timer"}) {
        INFO(shipped);
        CHECK(files.find(std::string(shipped) + "\n") != std::string::npos);
    }
    // The namespace is gone with the script: the machine's /usr/local is as it was.
    CHECK(fs::exists("/usr/local/bin/camaudit") == had_own);
    fs::remove_all(dir);
}

int main(int argc, char** argv) { return camaudit::testing::skip_or_run(missing_precondition(), argc, argv); }
