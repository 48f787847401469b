// Proves reports are written atomically on a real file system: the content lands whole, no
// temporary file is left, and when writing or renaming fails the previous report survives and
// the error names the path and the reason; check_writable refuses what cannot be written. A
// report is 0600 (0640 with a group), whatever was at its path, and a symlink is not followed.
#include <report/report_writer.hpp>

#include <camaudit/error.hpp>

#include "../policy/temp_dir.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using camaudit::test::read_file;
using camaudit::test::TempDir;
using camaudit::test::write_file;

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string run_error(auto&& action) {
    try {
        action();
    } catch (const camaudit::RunError& e) {
        return e.what();
    }
    return "(no error)";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// report.json in `dir`, holding "previous report": what a failed or killed run must leave as is.
fs::path previous_report_in(const TempDir& dir) {
    write_file(dir.path() / "report.json", "previous report");
    return dir.path() / "report.json";
}

mode_t mode_of(const fs::path& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

// Lowers the file-size limit for this process so that write(2) fails with EFBIG: a real write
// failure that works for root too. SIGXFSZ is ignored so the failure is an errno, not a kill.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = saved_;
        lowered.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &lowered);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, old_handler_);
    }

private:
    rlimit saved_{};
    void (*old_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("write_atomically writes the whole content and leaves no temporary file") {
    TempDir dir;
    const auto target = dir.path() / "report.json";
    const std::string content(200000, 'x');
    camaudit::report::write_atomically(target, content);
    CHECK(read_file(target) == content);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
    CHECK(mode_of(target) == 0600);
}

TEST_CASE("a new report is 0600 whatever the umask, never the mode of the file it replaces") {
    TempDir dir;
    const auto target = dir.path() / "report.json";
    write_file(target, "old report");
    ::chmod(target.c_str(), 06777);  // a setuid, world-writable file planted at the path
    const mode_t saved = ::umask(0);
    camaudit::report::write_atomically(target, "new report");
    ::umask(saved);
    CHECK(read_file(target) == "new report");
    CHECK(mode_of(target) == 0600);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("a symlink at the report path is replaced, never followed") {
    TempDir dir;
    const auto victim = dir.path() / "victim";
    write_file(victim, "someone else's file");
    ::chmod(victim.c_str(), 0644);
    const auto target = dir.path() / "report.json";
    fs::create_symlink(victim, target);
    camaudit::report::write_atomically(target, "new report");
    CHECK_FALSE(fs::is_symlink(fs::symlink_status(target)));
    CHECK(read_file(target) == "new report");
    CHECK(read_file(victim) == "someone else's file");
    CHECK(mode_of(victim) == 0644);
    CHECK(mode_of(target) == 0600);
}

TEST_CASE("--report-group: mode 0640 and that group; an unknown group is refused") {
    TempDir dir;
    const auto target = dir.path() / "report.json";
    const gid_t group = ::getegid();  // a group this process may always give its files to
    camaudit::report::write_atomically(target, "shared", {std::to_string(group)});
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK(mode_of(target) == 0640);
    CHECK(st.st_gid == group);
    CHECK_THROWS_WITH_AS(camaudit::report::check_writable(target, {"no-such-group-camaudit"}),
                         doctest::Contains("report group 'no-such-group-camaudit' does not exist"),
                         camaudit::UsageError);
}

// A run killed while its report is pending (opened, not committed) leaves the previous report
// whole: the new bytes only ever reach a temporary file.
TEST_CASE("a run killed before it commits leaves the previous report as it was") {
    TempDir dir;
    const auto target = previous_report_in(dir);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        camaudit::report::PendingReportFile pending(target, {});
        ::kill(::getpid(), SIGKILL);
        pending.commit("never");
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(read_file(target) == "previous report");
}

TEST_CASE("a failed write keeps the previous report and removes the temporary file") {
    TempDir dir;
    const auto target = dir.path() / "report.json";
    write_file(target, "previous report");
    std::string message;
    {
        FileSizeLimit limit(4096);
        message = run_error([&] { camaudit::report::write_atomically(target, std::string(65536, 'y')); });
    }
    CHECK(has(message, target.string()));
    CHECK(has(message, "File too large"));
    CHECK(read_file(target) == "previous report");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("a path in a missing directory or naming a directory fails with its path and reason") {
    TempDir dir;
    const auto missing = dir.path() / "no-such-dir" / "report.json";
    auto m = run_error([&] { camaudit::report::write_atomically(missing, "x"); });
    CHECK(has(m, missing.string()));
    CHECK(has(m, "No such file or directory"));
    CHECK_FALSE(fs::exists(dir.path() / "no-such-dir"));

    // A rename onto a non-empty directory fails after the temporary file was written.
    const auto as_dir = dir.path() / "report.json";
    write_file(as_dir / "keep.txt", "previous content");
    m = run_error([&] { camaudit::report::write_atomically(as_dir, "x"); });
    CHECK(has(m, "rename failed"));
    CHECK(read_file(as_dir / "keep.txt") == "previous content");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("check_writable: accepts a writable place, refuses the rest, leaves nothing behind") {
    TempDir dir;
    CHECK_NOTHROW(camaudit::report::check_writable(dir.path() / "report.json"));
    CHECK(names_in(dir.path()).empty());

    auto m = run_error([&] { camaudit::report::check_writable(dir.path() / "nope" / "r.json"); });
    CHECK(has(m, "nope/r.json"));
    CHECK(has(m, "does not exist"));

    m = run_error([&] { camaudit::report::check_writable(dir.path()); });
    CHECK(has(m, "it is a directory"));

    write_file(dir.path() / "file", "x");
    m = run_error([&] { camaudit::report::check_writable(dir.path() / "file" / "r.json"); });
    CHECK(has(m, "is not a directory"));
    CHECK(names_in(dir.path()) == std::vector<std::string>{"file"});
}

// An unwritable directory: as an ordinary user by its mode; as root (which ignores modes) by a
// read-only tmpfs in a private mount namespace of a child process, so the host sees nothing.
TEST_CASE("an unwritable directory: check_writable and write_atomically fail, the previous report survives") {
    TempDir dir;
    const auto target = previous_report_in(dir);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (::geteuid() == 0) {
            if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
                ::mount("tmpfs", dir.path().c_str(), "tmpfs", 0, "size=1m") != 0)
                ::_exit(77);
            write_file(target, "previous report");
            if (::mount(nullptr, dir.path().c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) != 0) ::_exit(77);
        } else {
            ::chmod(dir.path().c_str(), 0555);
        }
        const auto check = run_error([&] { camaudit::report::check_writable(target); });
        const auto write = run_error([&] { camaudit::report::write_atomically(target, "new report"); });
        const bool ok = has(check, target.string()) && has(write, "cannot create a temporary file") &&
                        read_file(target) == "previous report" &&
                        names_in(dir.path()) == std::vector<std::string>{"report.json"};
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        MESSAGE("skipped: running as root without permission to mount a read-only tmpfs");
        return;
    }
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(read_file(target) == "previous report");
}
