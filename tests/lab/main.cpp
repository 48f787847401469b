// camaudit-lab: runs the device lab in a private network namespace, alone or around one
// command (which inherits the namespace), e.g. `camaudit-lab -- camaudit scan 127.0.1.0/24`;
// with --segment, on a namespaced Ethernet segment with the profiles' MACs (root), the
// command running in the scanner's namespace.
#include <lab/lab.hpp>
#include <lab/segment.hpp>
#include <lab/segment_services.hpp>
#include <lab/sparse.hpp>

#include <camaudit/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace lab = camaudit::lab;

// One device of --list: where it is and what a correct scan reports about it (its truth).
nlohmann::ordered_json listed(const std::string& id, const lab::Profile& profile, const std::string& address,
                              const std::string& mac = {}) {
    nlohmann::ordered_json entry = {{"id", id}, {"profile", profile.id}, {"address", address}};
    if (!mac.empty()) entry["mac"] = mac;
    entry["ports"] = profile.tcp_ports;
    const auto truth = profile.data.value("truth", nlohmann::ordered_json::object());
    entry["vendor"] = truth.value("vendor", "");
    entry["banned"] = truth.contains("banned") ? truth["banned"] : nlohmann::ordered_json(false);
    entry["truth"] = truth;
    return entry;
}

nlohmann::ordered_json placement_json(const lab::Lab& the_lab) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& place : the_lab.placements()) list.push_back(listed(place.id, *place.profile, place.address.to_string()));
    return list;
}

void print_placement(const lab::Lab& the_lab) {
    for (const auto& place : the_lab.placements()) {
        std::string ports;
        for (const auto port : place.profile->tcp_ports) ports += (ports.empty() ? "" : ",") + std::to_string(port);
        fmt::print(stderr, "lab: {:<40} {:<15} tcp {}\n", place.id, place.address.to_string(), ports.empty() ? "-" : ports);
    }
}

nlohmann::ordered_json segment_placement_json(const std::vector<lab::SegmentDevice>& planned) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& device : planned) list.push_back(listed(device.id, *device.profile, device.address.to_string(), device.mac));
    return list;
}

void print_segment(const lab::Segment& segment) {
    for (const auto& device : segment.devices()) {
        std::string ports;
        for (const auto port : device.profile->tcp_ports) ports += (ports.empty() ? "" : ",") + std::to_string(port);
        fmt::print(stderr, "lab: {:<40} {:<15} {} tcp {}\n", device.id, device.address.to_string(), device.mac,
                   ports.empty() ? "-" : ports);
    }
    fmt::print(stderr, "lab: scanner namespace {} (interface {}, {}), subnet {}\n", segment.scanner_netns(),
               segment.scanner_interface(), segment.scanner_ip(), segment.subnet_cidr());
}

// SIGINT/SIGTERM/SIGCHLD are blocked in every thread and taken with sigwaitinfo, so the lab
// threads never see them and the child starts with them unblocked and at their defaults.
sigset_t control_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : {SIGINT, SIGTERM, SIGCHLD}) sigaddset(&set, sig);
    return set;
}

pid_t spawn(const std::vector<std::string>& command) {
    std::vector<char*> argv;
    for (const auto& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults = control_signals();
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    // The command gets stdin, stdout and stderr only: the lab's thousands of listening sockets
    // (a sparse /16) would otherwise push its own descriptors past FD_SETSIZE (nmap aborts).
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addclosefrom_np(&files, 3);
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, argv[0], &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (error != 0) throw camaudit::RunError("camaudit-lab: cannot run " + command[0] + ": " + std::strerror(error));
    return pid;
}

// Waits for the child; a signal sent to camaudit-lab alone is passed on, one from the
// terminal already reached the child (same process group).
int wait_for(pid_t child, const sigset_t& signals) {
    for (;;) {
        siginfo_t info{};
        if (sigwaitinfo(&signals, &info) < 0) continue;
        if (info.si_signo != SIGCHLD) {
            if (info.si_code != SI_KERNEL) kill(child, info.si_signo);
            continue;
        }
        int status = 0;
        if (waitpid(child, &status, WNOHANG) != child) continue;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
}

// Runs `command` (or, when empty, waits for SIGINT/SIGTERM); the signals must be blocked.
int run_command_or_wait(const std::vector<std::string>& command, const sigset_t& signals) {
    if (!command.empty()) return wait_for(spawn(command), signals);
    fmt::print(stderr, "lab: running until SIGINT or SIGTERM\n");
    int sig = 0;
    while (sigwait(&signals, &sig) == 0 && sig == SIGCHLD) {}
    return 0;
}

// --sparse: where to scatter the devices, and how many.
struct SparseOptions {
    std::string range;  // empty: the dense lab
    double density = 0;
    std::size_t count = 0;
    std::uint64_t seed = 1;
    bool routed = false;  // --routed: behind a filtering router (segment only)

    bool wanted() const { return !range.empty(); }
    std::size_t device_count(std::size_t profile_count, const lab::Cidr& cidr) const {
        return count > 0 ? count : density > 0 ? lab::count_for_density(cidr, density) : profile_count;
    }
    std::vector<lab::SparseDevice> place(std::size_t profile_count, const lab::Cidr& cidr) const {
        return lab::place_sparse(profile_count, cidr, device_count(profile_count, cidr), seed);
    }
    lab::SparseLayout layout() const { return routed ? lab::SparseLayout::routed : lab::SparseLayout::l2; }
};

lab::Lab make_lab(const std::string& devices, const std::string& first, const SparseOptions& sparse) {
    auto profiles = lab::load_profiles(devices);
    if (!sparse.wanted()) return lab::Lab(std::move(profiles), boost::asio::ip::make_address_v4(first));
    const auto placed = sparse.place(profiles.size(), lab::parse_cidr(sparse.range));
    return lab::Lab(std::move(profiles), placed);
}

int run(const std::string& devices, const std::string& first, const SparseOptions& sparse, bool list,
        const std::vector<std::string>& command) {
    auto the_lab = make_lab(devices, first, sparse);
    if (list) {
        std::cout << placement_json(the_lab).dump(2) << '\n';
        return 0;
    }
    lab::enter_private_network_namespace();
    if (sparse.wanted()) {
        std::vector<boost::asio::ip::address_v4> assigned;
        for (const auto& place : the_lab.placements()) assigned.push_back(place.address.to_v4());
        lab::drop_unassigned(lab::parse_cidr(sparse.range), assigned);
    }
    const sigset_t signals = control_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the lab thread exists
    the_lab.start();
    print_placement(the_lab);
    if (sparse.wanted())
        fmt::print(stderr, "lab: {} devices in {}; every other address there drops packets\n", the_lab.placements().size(),
                   sparse.range);
    const int code = run_command_or_wait(command, signals);
    the_lab.stop();
    return code;
}

// The segment's devices (dense: one per profile at 10.77.0.10...; sparse: scattered), planned
// without building anything.
std::vector<lab::SegmentDevice> plan_segment(const std::vector<lab::Profile>& profiles, const SparseOptions& sparse) {
    if (sparse.wanted()) {
        const auto range = lab::parse_cidr(sparse.range);
        return lab::Segment::plan_sparse(profiles, range, sparse.device_count(profiles.size(), range), sparse.seed);
    }
    std::vector<const lab::Profile*> chosen;
    for (const auto& profile : profiles) chosen.push_back(&profile);
    return lab::Segment::plan(chosen);
}

std::unique_ptr<lab::Segment> build_segment(const std::vector<lab::Profile>& profiles, const SparseOptions& sparse) {
    if (sparse.wanted())
        return std::make_unique<lab::Segment>(plan_segment(profiles, sparse), lab::parse_cidr(sparse.range), sparse.layout());
    std::vector<const lab::Profile*> chosen;
    for (const auto& profile : profiles) chosen.push_back(&profile);
    return std::make_unique<lab::Segment>(chosen);
}

int run_segment(const std::string& devices, const SparseOptions& sparse, bool list, std::vector<std::string> command) {
    const auto profiles = lab::load_profiles(devices);
    if (list) {
        std::cout << segment_placement_json(plan_segment(profiles, sparse)).dump(2) << '\n';
        return 0;
    }
    if (geteuid() != 0)
        throw camaudit::RunError("--segment needs root: it creates network namespaces, a bridge and veth links "
                                 "(run it with sudo, or use the loopback lab without --segment)");
    const sigset_t signals = control_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any lab thread exists
    const auto started = std::chrono::steady_clock::now();
    const auto segment = build_segment(profiles, sparse);
    lab::SegmentServices services(*segment);
    print_segment(*segment);
    const std::chrono::duration<double> setup = std::chrono::steady_clock::now() - started;
    fmt::print(stderr, "lab: segment of {} devices ready in {:.1f} s\n", segment->devices().size(), setup.count());
    if (!command.empty()) command.insert(command.begin(), {"ip", "netns", "exec", segment->scanner_netns()});
    const int code = run_command_or_wait(command, signals);
    services.stop();
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"camaudit-lab: serve device profiles on 127.0.1.x inside a private network namespace"};
    std::string devices = CAMAUDIT_SOURCE_LAB_DIR;
    std::string first = "127.0.1.1";
    bool list = false;
    bool segment = false;
    SparseOptions sparse;
    std::vector<std::string> command;
    app.add_option("--devices", devices, "folder of device profiles (*.json)")->capture_default_str();
    app.add_option("--first", first, "address of the first device (inside 127.0.0.0/8)")->capture_default_str();
    app.add_flag("--list", list, "print the placement as JSON and exit; starts nothing");
    app.add_flag("--segment", segment,
                 "serve the lab on a namespaced Ethernet segment (10.77.0.0/24, the profiles' MACs; root); "
                 "the command runs in the scanner's namespace, whose interface is seg0")
        ->excludes("--first");
    app.add_option("--sparse", sparse.range,
                   "scatter the devices over this range (a /16 to a /30), every other address silent: dropped by "
                   "nftables on loopback (inside 127.0.0.0/8), unanswered ARP with --segment (inside 10.77.0.0/16)")
        ->excludes("--first");
    app.add_option("--density", sparse.density, "with --sparse: the share of the range's addresses holding a device "
                                                "(profiles repeated as needed), e.g. 0.01")
        ->needs("--sparse");
    app.add_option("--count", sparse.count, "with --sparse: this many devices (default: one per profile)")
        ->needs("--sparse")
        ->excludes("--density");
    app.add_option("--seed", sparse.seed, "with --sparse: the placement's seed (one seed, one placement)")
        ->needs("--sparse")
        ->capture_default_str();
    app.add_flag("--routed", sparse.routed,
                 "with --segment --sparse: the devices behind a router namespace whose nftables drops every packet "
                 "to an unassigned address; the scanner reaches them on rt0 (198.18.0.1)")
        ->needs("--sparse")
        ->needs("--segment");
    app.add_option("command", command, "command to run inside the lab's namespace (after --)");
    CLI11_PARSE(app, argc, argv);
    try {
        return segment ? run_segment(devices, sparse, list, command) : run(devices, first, sparse, list, command);
    } catch (const camaudit::UsageError& e) {
        fmt::print(stderr, "camaudit-lab: {}\n", e.what());
        if (!e.hint().empty()) fmt::print(stderr, "  {}\n", e.hint());
        return 2;
    } catch (const camaudit::DataError& e) {
        fmt::print(stderr, "camaudit-lab: {}\n", e.what());
        return 2;
    } catch (const boost::system::system_error& e) {
        fmt::print(stderr, "camaudit-lab: --first: {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "camaudit-lab: {}\n", e.what());
        return 3;
    }
}
