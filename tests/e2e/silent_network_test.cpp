// Proves host discovery on a network where most addresses hold nothing: a /24 on a veth whose
// peer namespace answers on two addresses only (ARP for the rest goes unanswered, as on a real
// LAN). Both hosts are found and named by their discovery, the report is complete, and every
// silent address is counted as probed and not up. Needs root (it builds the namespaces).
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <unistd.h>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// 198.18.0.0/15 is the benchmark range (RFC 2544); both namespaces are ours, so no packet can
// leave the machine. The scanner sits in 198.18.6.0/24 of a /23, so the scanned /24 is on-link
// but holds no address of the scanner itself.
constexpr const char* scanner_address = "198.18.6.1/23";
constexpr const char* scanned = "198.18.7.0/24";
const std::vector<std::string> listeners = {"198.18.7.10", "198.18.7.20"};

class SilentNetwork {
public:
    SilentNetwork() : scanner_("camaudit-silent-s" + std::to_string(getpid())), hosts_("camaudit-silent-h" + std::to_string(getpid())) {
        ok_ = sh("ip netns add " + scanner_) && sh("ip netns add " + hosts_) &&
              sh("ip -n " + scanner_ + " link add sv0 type veth peer name hv0 netns " + hosts_) &&
              sh("ip -n " + scanner_ + " addr add " + scanner_address + " dev sv0") &&
              sh("ip -n " + scanner_ + " link set sv0 up") && sh("ip -n " + scanner_ + " link set lo up") &&
              sh("ip -n " + hosts_ + " link set hv0 up") && sh("ip -n " + hosts_ + " link set lo up");
        for (const auto& address : listeners) ok_ = ok_ && sh("ip -n " + hosts_ + " addr add " + address + "/23 dev hv0");
        for (const auto& address : listeners) ok_ = ok_ && start_listener(address);
    }
    ~SilentNetwork() {
        for (const auto& pid : pids_) sh("kill " + pid);
        sh("ip netns del " + scanner_);
        sh("ip netns del " + hosts_);
    }
    bool ok() const { return ok_; }
    std::string in_scanner(const std::string& command) const { return "ip netns exec " + scanner_ + " " + command; }

private:
    static bool sh(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

    // A real web server on port 80 of `address` (Python's http.server), up before we return.
    bool start_listener(const std::string& address) {
        const auto started = run_command("ip netns exec " + hosts_ + " sh -c '/usr/bin/python3 -m http.server 80 --bind " + address +
                                         " >/dev/null 2>&1 & echo $!'");
        if (started.exit_code != 0 || started.out.empty()) return false;
        pids_.push_back(started.out.substr(0, started.out.find('\n')));
        for (int i = 0; i < 50; ++i)
            if (sh("ip netns exec " + hosts_ + " sh -c 'ss -ltn | grep -q " + address + ":80'")) return true;
            else usleep(100000);
        return false;
    }

    std::string scanner_, hosts_;
    std::vector<std::string> pids_;
    bool ok_ = false;
};

bool can_build_namespaces() {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return false;
    }
    if (std::system("test -x /usr/bin/python3 >/dev/null 2>&1") != 0) {
        MESSAGE("needs python3 for the listeners; skipped");
        return false;
    }
    return true;
}

std::set<std::string> device_ips(const json& report) {
    std::set<std::string> ips;
    for (const auto& device : report.at("devices")) ips.insert(device.at("ip").get<std::string>());
    return ips;
}

}  // namespace

TEST_CASE("silent network: a /24 with two hosts, both found by discovery, every silent address probed and not up") {
    if (!can_build_namespaces()) return;
    SilentNetwork network;
    REQUIRE(network.ok());
    const auto out = fresh_temp_dir("silent") / "report.json";
    // --no-arp: TCP discovery, as an unprivileged scan or a routed network gets it.
    const auto result = run_command(network.in_scanner(std::string(CAMAUDIT_BIN) + " scan " + scanned + " --no-arp --out " +
                                                       out.string()));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("complete") == true);
    CHECK(device_ips(report) == std::set<std::string>(listeners.begin(), listeners.end()));
    for (const auto& device : report.at("devices")) {
        INFO(device.at("ip"));
        // The first discovery port that answered: 80 open, or a reset from another one.
        CHECK(device.at("discovery").get<std::string>().starts_with("tcp/"));
        CHECK(device.at("open_ports").size() == 1);
    }
    CHECK(report.at("scan").at("hosts_probed") == 256);
    CHECK(report.at("scan").at("hosts_up") == listeners.size());
    CHECK(report.at("scan").at("options").at("hosts_found_up") == std::to_string(listeners.size()));
    CHECK(report.at("scan").at("options").at("discovery") == "tcp");
}

TEST_CASE("silent network: as root the on-link /24 is discovered by ARP, nothing sent over TCP to a silent address") {
    if (!can_build_namespaces()) return;
    SilentNetwork network;
    REQUIRE(network.ok());
    const auto out = fresh_temp_dir("silent-arp") / "report.json";
    const auto result = run_command(network.in_scanner(std::string(CAMAUDIT_BIN) + " scan " + scanned + " --out " + out.string()));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("complete") == true);
    CHECK(device_ips(report) == std::set<std::string>(listeners.begin(), listeners.end()));
    for (const auto& device : report.at("devices")) CHECK(device.at("discovery") == "arp");
    const auto& options = report.at("scan").at("options");
    CHECK(options.at("discovery") == "arp+tcp");
    // 198.18.7.0-.254 of the scanner's /23 (.255 is its broadcast): one request each.
    CHECK(options.at("arp_requests") == "255");
    CHECK(options.at("arp_replies") == std::to_string(listeners.size()));
    CHECK(options.at("discovery_probes") == "0");
    CHECK(options.at("hosts_found_up") == std::to_string(listeners.size()));
    CHECK(report.at("scan").at("hosts_probed") == 256);
}

TEST_CASE("silent network: --no-discovery (nmap's -Pn) sweeps every address and says the host was assumed up") {
    if (!can_build_namespaces()) return;
    SilentNetwork network;
    REQUIRE(network.ok());
    const auto out = fresh_temp_dir("silent-pn") / "report.json";
    // A /28 holding one listener: every port of the 15 silent addresses waits out its timeout.
    const auto result = run_command(network.in_scanner(std::string(CAMAUDIT_BIN) + " scan 198.18.7.0/28 -Pn --timeout 300ms --out " +
                                                       out.string()));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("complete") == true);
    CHECK(device_ips(report) == std::set<std::string>{listeners.front()});
    CHECK(report.at("devices").at(0).at("discovery") == "assumed (--no-discovery)");
    CHECK(report.at("scan").at("hosts_probed") == 16);
    CHECK(report.at("scan").at("options").at("discovery") == "none");
}
