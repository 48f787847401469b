// camaudit-lab: runs the device lab in a private network namespace, alone or around one
// command (which inherits the namespace), e.g. `camaudit-lab -- camaudit scan 127.0.1.0/24`;
// with --segment, on a namespaced Ethernet segment with the profiles' MACs (root), the
// command running in the scanner's namespace.
#include <lab/lab.hpp>
#include <lab/segment.hpp>
#include <lab/segment_services.hpp>

#include <camaudit/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace lab = camaudit::lab;

nlohmann::ordered_json placement_json(const lab::Lab& the_lab) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& place : the_lab.placements())
        list.push_back({{"id", place.id}, {"address", place.address.to_string()}, {"ports", place.profile->tcp_ports}});
    return list;
}

void print_placement(const lab::Lab& the_lab) {
    for (const auto& place : the_lab.placements()) {
        std::string ports;
        for (const auto port : place.profile->tcp_ports) ports += (ports.empty() ? "" : ",") + std::to_string(port);
        fmt::print(stderr, "lab: {:<40} {:<15} tcp {}\n", place.id, place.address.to_string(), ports.empty() ? "-" : ports);
    }
}

// Segment places device i at 10.77.0.(10+i) (segment.hpp), so the list needs no namespace.
nlohmann::ordered_json segment_placement_json(const std::vector<lab::Profile>& profiles) {
    auto list = nlohmann::ordered_json::array();
    const auto first = boost::asio::ip::make_address_v4("10.77.0.10").to_uint();
    for (std::size_t i = 0; i < profiles.size(); ++i)
        list.push_back({{"id", profiles[i].id},
                        {"address", boost::asio::ip::address_v4(first + static_cast<unsigned>(i)).to_string()},
                        {"ports", profiles[i].tcp_ports}});
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
               lab::Segment::interface, lab::Segment::scanner_address, lab::Segment::subnet);
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
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, argv[0], nullptr, &attr, argv.data(), environ);
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

int run(const std::string& devices, const std::string& first, bool list, const std::vector<std::string>& command) {
    lab::Lab the_lab(lab::load_profiles(devices), boost::asio::ip::make_address_v4(first));
    if (list) {
        std::cout << placement_json(the_lab).dump(2) << '\n';
        return 0;
    }
    lab::enter_private_network_namespace();
    const sigset_t signals = control_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the lab thread exists
    the_lab.start();
    print_placement(the_lab);
    const int code = run_command_or_wait(command, signals);
    the_lab.stop();
    return code;
}

int run_segment(const std::string& devices, bool list, std::vector<std::string> command) {
    auto profiles = lab::load_profiles(devices);
    if (list) {
        std::cout << segment_placement_json(profiles).dump(2) << '\n';
        return 0;
    }
    if (geteuid() != 0)
        throw camaudit::RunError("--segment needs root: it creates network namespaces, a bridge and veth links "
                                 "(run it with sudo, or use the loopback lab without --segment)");
    std::vector<const lab::Profile*> chosen;
    for (const auto& profile : profiles) chosen.push_back(&profile);
    const sigset_t signals = control_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any lab thread exists
    lab::Segment segment(chosen);
    lab::SegmentServices services(segment);
    print_segment(segment);
    if (!command.empty()) command.insert(command.begin(), {"ip", "netns", "exec", segment.scanner_netns()});
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
    std::vector<std::string> command;
    app.add_option("--devices", devices, "folder of device profiles (*.json)")->capture_default_str();
    app.add_option("--first", first, "address of the first device (inside 127.0.0.0/8)")->capture_default_str();
    app.add_flag("--list", list, "print the placement as JSON and exit; starts nothing");
    app.add_flag("--segment", segment,
                 "serve the lab on a namespaced Ethernet segment (10.77.0.0/24, the profiles' MACs; root); "
                 "the command runs in the scanner's namespace, whose interface is seg0")
        ->excludes("--first");
    app.add_option("command", command, "command to run inside the lab's namespace (after --)");
    CLI11_PARSE(app, argc, argv);
    try {
        return segment ? run_segment(devices, list, command) : run(devices, first, list, command);
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
