// The .deb as an administrator meets it: cpack builds it from this build, dpkg installs it,
// camaudit runs from /usr/bin (version, man page, units, a demo scan of the loopback lab on
// the installed data), and `dpkg --purge` leaves nothing behind. Root; SKIPPED without root,
// dpkg-dev or man, in a sanitizer build, or where a camaudit is already installed.
#define DOCTEST_CONFIG_IMPLEMENT
#include "../e2e/command.hpp"
#include "../skip_or_run.hpp"

#include <filesystem>
#include <sstream>
#include <unistd.h>
#include <vector>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::run_command;
namespace fs = std::filesystem;

namespace {

// Purges the package when a check fails halfway, so the machine is left as it was.
struct InstalledPackage {
    bool installed = false;
    ~InstalledPackage() {
        if (installed) run_command("dpkg --purge camaudit");
    }
};

// The files (not folders) the package holds, as absolute paths.
std::vector<fs::path> packaged_files(const fs::path& deb) {
    std::istringstream listing(run_command("dpkg-deb -c " + deb.string()).out);
    std::vector<fs::path> files;
    for (std::string line; std::getline(listing, line);) {
        const auto at = line.find(" ./");
        if (line.starts_with("-") && at != std::string::npos) files.emplace_back(line.substr(at + 2));
    }
    return files;
}

const char* missing_precondition() {
#ifdef __SANITIZE_ADDRESS__
    return "a package is made from the release build, not a sanitizer build";
#endif
    if (geteuid() != 0) return "installing a .deb with dpkg needs root";
    for (const char* tool : {"dpkg", "dpkg-shlibdeps", "man", "systemd-analyze"})
        if (run_command(std::string("command -v ") + tool).exit_code != 0)
            return "dpkg, dpkg-shlibdeps (dpkg-dev), man or systemd-analyze missing";
    if (run_command("dpkg-query -W camaudit").exit_code == 0 || fs::exists("/usr/bin/camaudit"))
        return "a camaudit is already installed on this machine: the test will not replace it";
    return nullptr;
}

}  // namespace

TEST_CASE("the .deb installs, runs and purges cleanly") {
    const auto dir = fresh_temp_dir("package");
    const auto built = run_command("cd " CAMAUDIT_BUILD_DIR " && " CAMAUDIT_CPACK " -G DEB -B " + dir.string());
    INFO(built.out << built.err);
    REQUIRE(built.exit_code == 0);
    fs::path deb;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".deb") deb = entry.path();
    REQUIRE_FALSE(deb.empty());

    // Dependencies read from the binary, plus the OUI registry it reads at run time.
    const auto depends = run_command("dpkg-deb -f " + deb.string() + " Depends").out;
    INFO("Depends: " << depends);
    for (const char* package : {"ieee-data", "libpcap0.8", "libssl3", "libre2-9", "libc6"})
        CHECK(depends.find(package) != std::string::npos);
    const auto files = packaged_files(deb);
    REQUIRE(files.size() > 50);

    InstalledPackage package;
    const auto installed = run_command("dpkg -i " + deb.string());
    INFO(installed.out << installed.err);
    REQUIRE(installed.exit_code == 0);
    package.installed = true;

    const auto version = run_command("camaudit --version");
    CHECK(version.exit_code == 0);
    CHECK(version.out == run_command(CAMAUDIT_BUILT_BIN " --version").out);
    const auto man = run_command("LC_ALL=C MANPAGER=cat MANWIDTH=200 man camaudit");
    CHECK(man.exit_code == 0);
    CHECK(man.out.find("camaudit - network camera inventory and compliance scanner") != std::string::npos);
    const auto verify = run_command("systemd-analyze verify /usr/lib/systemd/system/camaudit.service "
                                    "/usr/lib/systemd/system/camaudit.timer");
    INFO("systemd-analyze verify: " << verify.err);
    CHECK(verify.exit_code == 0);

    // The demo: the built-in lab on loopback in a private namespace, scanned with the
    // installed data and lab profiles (the report's provenance names the folder).
    const auto report = dir / "demo.json";
    const auto demo = run_command("cd / && camaudit demo --quiet --out " + report.string());
    INFO(demo.out << demo.err);
    CHECK(demo.exit_code == 0);
    CHECK(demo.out.find("prohibited") != std::string::npos);
    CHECK(camaudit::testing::read_file(report).find("\"/usr/bin/../share/camaudit\"") != std::string::npos);

    const auto purged = run_command("dpkg --purge camaudit");
    INFO(purged.out << purged.err);
    REQUIRE(purged.exit_code == 0);
    package.installed = false;
    CHECK(run_command("dpkg-query -W camaudit").exit_code != 0);
    for (const auto& file : files) {
        INFO(file.string());
        CHECK_FALSE(fs::exists(file));
    }
    for (const char* folder : {"/usr/share/camaudit", "/usr/share/doc/camaudit"}) {
        INFO(folder);
        CHECK_FALSE(fs::exists(folder));
    }
    fs::remove_all(dir);
}

int main(int argc, char** argv) { return camaudit::testing::skip_or_run(missing_precondition(), argc, argv); }
