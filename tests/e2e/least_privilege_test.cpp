// Proves the privilege drop of every subcommand on the running process, as root: while `scan`
// (against the lab's dripping device on the namespaced segment), `discover`, `passive
// --interface` and `passive --read` (a FIFO that stays open) run, /proc/PID/status shows the
// unprivileged uid, no effective or permitted capability and no_new_privs, and /proc/PID/fd
// shows which packet sockets are still open. Root only: exits 77 (SKIPPED) otherwise.
#define DOCTEST_CONFIG_IMPLEMENT
#include "../skip_or_run.hpp"
#include "chosen_segment.hpp"
#include "command.hpp"

#include <lab/segment_services.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using camaudit::testing::fresh_temp_dir;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path hostile_dir = std::filesystem::path(CAMAUDIT_SOURCE_LAB_DIR).parent_path() / "hostile";
const std::string drip_id = "hostile-drip";  // answers a byte at a time: the scan keeps running

struct Lab {
    camaudit::testing::ChosenSegment chosen = camaudit::testing::chosen_segment(hostile_dir, {drip_id});
    camaudit::lab::SegmentServices services{*chosen.segment};
};

Lab& lab() {
    static Lab made;
    return made;
}

std::string in_scanner_ns(const std::string& command) {
    return "ip netns exec " + lab().chosen.segment->scanner_netns() + " " + command;
}

uid_t uid_of(const char* name) {
    const passwd* entry = getpwnam(name);
    REQUIRE(entry != nullptr);
    return entry->pw_uid;
}

// What /proc says about a process at one moment.
struct Snapshot {
    uid_t uid = 0;  // real uid (the effective, saved and fs ones are checked equal)
    bool uids_agree = false;
    std::string cap_eff, cap_prm;
    int no_new_privs = -1;
    std::size_t packet_sockets = 0;
};

std::string field(const std::string& status, const std::string& name) {
    std::istringstream lines(status);
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with(name + ":")) return line.substr(name.size() + 1);
    return {};
}

// The inodes of the AF_PACKET sockets in the process's own network namespace.
std::set<std::string> packet_inodes(pid_t pid) {
    std::ifstream table("/proc/" + std::to_string(pid) + "/net/packet");
    std::set<std::string> inodes;
    std::string line;
    std::getline(table, line);  // the column names; the inode is the last column
    while (std::getline(table, line)) {
        std::istringstream columns(line);
        std::string column, last;
        while (columns >> column) last = column;
        if (!last.empty()) inodes.insert(last);
    }
    return inodes;
}

Snapshot snapshot(pid_t pid) {
    const std::string dir = "/proc/" + std::to_string(pid);
    std::stringstream text;
    text << std::ifstream(dir + "/status").rdbuf();
    const std::string status = text.str();
    Snapshot shot;
    std::istringstream uids(field(status, "Uid"));
    uid_t real = 0, effective = 0, saved = 0, fs = 0;
    uids >> real >> effective >> saved >> fs;
    shot.uid = real;
    shot.uids_agree = real == effective && real == saved && real == fs;
    std::istringstream(field(status, "CapEff")) >> shot.cap_eff;
    std::istringstream(field(status, "CapPrm")) >> shot.cap_prm;
    std::istringstream(field(status, "NoNewPrivs")) >> shot.no_new_privs;
    const auto packets = packet_inodes(pid);
    std::error_code error;
    for (const auto& fd : std::filesystem::directory_iterator(dir + "/fd", error)) {
        const auto target = std::filesystem::read_symlink(fd.path(), error).string();
        if (target.starts_with("socket:[") && packets.contains(target.substr(8, target.size() - 9))) ++shot.packet_sockets;
    }
    return shot;
}

// A subcommand started with fork/exec (sh execs it, `ip netns exec` too: the pid is camaudit's).
struct Running {
    pid_t pid = -1;
    bool exited = false;
    int status = 0;

    explicit Running(const std::string& command) {
        pid = fork();
        if (pid == 0) {
            execl("/bin/sh", "sh", "-c", ("exec " + command + " >/dev/null 2>&1").c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    bool alive() {
        if (exited) return false;
        exited = waitpid(pid, &status, WNOHANG) == pid;
        return !exited;
    }
    // The first snapshot after the drop for which `wanted` holds, while the process still runs.
    template <class Wanted>
    std::optional<Snapshot> once(Wanted wanted) {
        const auto give_up = std::chrono::steady_clock::now() + 30s;  // a precondition wait, not a timing
        while (alive() && std::chrono::steady_clock::now() < give_up) {
            const auto shot = snapshot(pid);
            if (shot.uid != 0 && wanted(shot)) return shot;
            std::this_thread::sleep_for(5ms);
        }
        return std::nullopt;
    }
    std::optional<Snapshot> after_drop() {
        return once([](const Snapshot&) { return true; });
    }
    int finish(int signal = 0) {
        if (!exited && signal != 0) kill(pid, signal);
        if (!exited) waitpid(pid, &status, 0);
        exited = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
};

std::filesystem::path open_dir(const std::string& name) {
    const auto dir = fresh_temp_dir(name);
    chmod(dir.c_str(), 0777);  // the account the process becomes writes the report
    return dir;
}

void check_unprivileged(const Snapshot& shot, uid_t expected) {
    CHECK(shot.uid == expected);
    CHECK(shot.uids_agree);
    CHECK(shot.cap_eff == "0000000000000000");
    CHECK(shot.cap_prm == "0000000000000000");
    CHECK(shot.no_new_privs == 1);
}

std::string drip_ip() { return lab().chosen.device(drip_id).address.to_string(); }

}  // namespace

TEST_CASE("scan (SYN sweep) runs as nobody with no capability and no_new_privs while it probes") {
    const auto dir = open_dir("privs-scan");
    Running scan(in_scanner_ns(std::string(CAMAUDIT_BIN) + " scan " + drip_ip() + " --ports 80 --out " +
                               (dir / "r.json").string()));
    const auto shot = scan.after_drop();
    REQUIRE(shot.has_value());
    check_unprivileged(*shot, uid_of("nobody"));
    CHECK(scan.finish(SIGINT) == 4);  // interrupted: an incomplete report
    CHECK(std::filesystem::exists(dir / "r.json"));
}

TEST_CASE("scan --arp closes its packet socket once the ARP sweep is over, while the deep probes still run") {
    const auto dir = open_dir("privs-arp");
    Running scan(in_scanner_ns(std::string(CAMAUDIT_BIN) + " scan " + drip_ip() + " --arp --connect --ports 80 --host-budget 5s --out " +
                               (dir / "r.json").string()));
    const auto dropped = scan.after_drop();
    REQUIRE(dropped.has_value());
    check_unprivileged(*dropped, uid_of("nobody"));
    CHECK(dropped->packet_sockets == 1);  // the ARP sweep's, opened before the drop
    const auto closed = scan.once([](const Snapshot& shot) { return shot.packet_sockets == 0; });
    REQUIRE(closed.has_value());  // reached while the scan still runs against the dripping device
    check_unprivileged(*closed, uid_of("nobody"));
    CHECK(scan.finish() <= 1);  // the host budget ends the dripping device's probes
}

TEST_CASE("discover runs as nobody with no packet socket") {
    const auto dir = open_dir("privs-discover");
    Running discover(in_scanner_ns(std::string(CAMAUDIT_BIN) + " discover -i seg0 --duration 3s --out " +
                                   (dir / "d.json").string()));
    const auto shot = discover.after_drop();
    REQUIRE(shot.has_value());
    check_unprivileged(*shot, uid_of("nobody"));
    CHECK(shot->packet_sockets == 0);
    CHECK(discover.finish() <= 1);
}

TEST_CASE("passive --interface keeps only its open capture, with no capability") {
    const auto dir = open_dir("privs-passive-live");
    Running passive(in_scanner_ns(std::string(CAMAUDIT_BIN) + " passive -i seg0 --duration 3s --out " +
                                  (dir / "p.json").string()));
    const auto shot = passive.after_drop();
    REQUIRE(shot.has_value());
    check_unprivileged(*shot, uid_of("nobody"));
    CHECK(shot->packet_sockets == 1);  // the capture it reads; the process cannot open another
    CHECK(passive.finish() <= 1);
}

TEST_CASE("passive --read decodes a capture file as nobody; under sudo the report belongs to the invoking user") {
    const auto dir = open_dir("privs-passive-read");
    const auto fifo = dir / "held.pcap";  // a capture that stays open: the process waits on it
    REQUIRE(mkfifo(fifo.c_str(), 0644) == 0);
    const uid_t invoker = uid_of("daemon");  // stands for the account that ran sudo
    Running passive("env SUDO_UID=" + std::to_string(invoker) + " " + CAMAUDIT_BIN + " passive --read " +
                    fifo.string() + " --out " + (dir / "p.json").string());
    const int writer = open(fifo.c_str(), O_WRONLY);
    REQUIRE(writer >= 0);
    const unsigned char header[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0};
    REQUIRE(write(writer, header, sizeof header) == static_cast<ssize_t>(sizeof header));
    const auto shot = passive.after_drop();
    REQUIRE(shot.has_value());
    check_unprivileged(*shot, invoker);
    CHECK(shot->packet_sockets == 0);
    close(writer);  // end of the capture
    CHECK(passive.finish() <= 1);
    struct stat report{};
    REQUIRE(stat((dir / "p.json").c_str(), &report) == 0);
    CHECK(report.st_uid == invoker);
}

int main(int argc, char** argv) {
    const char* missing = geteuid() != 0 ? "needs root (network namespaces, a privilege drop to inspect)" : nullptr;
    return camaudit::testing::skip_or_run(missing, argc, argv);
}
