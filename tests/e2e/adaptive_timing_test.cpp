// Proves adaptive timing on namespaces the test builds: a host behind a 200 ms delay line is
// still found, and the port sweep's learned timeout is above its round trip; on a direct veth
// the learned timeout is the floor; a port the host drops (nft) is absent from the report, gets
// no retry because the host answered its other ports, and the scan ends complete.
// Exits 77 (SKIPPED to CTest) when not root, or without python3, nft or /dev/net/tun.
#define DOCTEST_CONFIG_IMPLEMENT
#include "command.hpp"
#include "delay_line.hpp"
#include "../skip_or_run.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

using camaudit::testing::DelayLine;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// 198.18.0.0/15 (RFC 2544) exists only inside the two namespaces: no packet leaves the machine.
constexpr const char* scanner_address = "198.18.6.1/24";
constexpr const char* host_address = "198.18.6.2";
// Four of the six ports camaudit's discovery tries (docs/ports.md) answer with a web server, so
// discovery gets round trips to learn from whichever sweep runs (the SYN sweep times SYN-ACKs).
const std::vector<int> listening_ports = {80, 443, 8000, 37777};

bool sh(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

// A scanner namespace and a host namespace joined by a veth pair, or by a DelayLine holding
// the host's frames back by `delay`; web servers on the host's listening ports.
class TimingNetwork {
public:
    explicit TimingNetwork(std::chrono::milliseconds delay)
        : scanner_("camaudit-rtt-s" + std::to_string(getpid())), host_("camaudit-rtt-h" + std::to_string(getpid())) {
        ok_ = sh("ip netns add " + scanner_) && sh("ip netns add " + host_);
        std::string link = "sv0", peer = "hv0";
        if (delay.count() > 0) {
            line_ = std::make_unique<DelayLine>(scanner_, host_, delay);
            link = peer = DelayLine::device;
        } else {
            ok_ = ok_ && sh("ip -n " + scanner_ + " link add sv0 type veth peer name hv0 netns " + host_);
        }
        ok_ = ok_ && sh("ip -n " + scanner_ + " addr add " + scanner_address + " dev " + link) &&
              sh("ip -n " + scanner_ + " link set " + link + " up") && sh("ip -n " + scanner_ + " link set lo up") &&
              sh("ip -n " + host_ + " addr add " + host_address + "/24 dev " + peer) &&
              sh("ip -n " + host_ + " link set " + peer + " up") && sh("ip -n " + host_ + " link set lo up");
        for (const int port : listening_ports) ok_ = ok_ && start_listener(port);
    }
    ~TimingNetwork() {
        for (const auto& pid : pids_) sh("kill " + pid);
        line_.reset();
        sh("ip netns del " + scanner_);
        sh("ip netns del " + host_);
    }
    bool ok() const { return ok_; }

    // The host's firewall drops these TCP ports silently, as a camera's filter does.
    bool drop_ports(const std::string& ports) const {
        return sh("ip netns exec " + host_ + " nft add table ip rtt") &&
               sh("ip netns exec " + host_ + " nft 'add chain ip rtt in { type filter hook input priority 0; }'") &&
               sh("ip netns exec " + host_ + " nft add rule ip rtt in tcp dport '{ " + ports + " }' drop");
    }

    // `camaudit scan ARGS --out FILE` in the scanner namespace, `prefix` before it (setpriv).
    json scan(const std::string& args, const std::string& name, const std::string& prefix = "") const {
        const auto out = fresh_temp_dir(name) / "report.json";
        // --no-arp: the host is on-link, and the timeout is learned from TCP discovery's round
        // trips (the default ARP sweep of a root scan would settle discovery without any).
        const auto result = run_command("ip netns exec " + scanner_ + " " + prefix + CAMAUDIT_BIN + " scan " + host_address +
                                        " " + args + " --no-arp --quiet --no-progress --out " + out.string());
        INFO(result.err);
        CHECK(result.exit_code == 0);
        return json::parse(read_file(out));
    }

private:
    // Python's http.server on `port` of the host, up before we return.
    bool start_listener(int port) {
        const auto address = std::string(host_address);
        const auto started = run_command("ip netns exec " + host_ + " sh -c '/usr/bin/python3 -m http.server " + std::to_string(port) +
                                         " --bind " + address + " >/dev/null 2>&1 & echo $!'");
        if (started.exit_code != 0 || started.out.empty()) return false;
        pids_.push_back(started.out.substr(0, started.out.find('\n')));
        for (int i = 0; i < 50; ++i)
            if (sh("ip netns exec " + host_ + " sh -c 'ss -ltn | grep -q " + address + ":" + std::to_string(port) + "'")) return true;
            else usleep(100000);
        return false;
    }

    std::string scanner_, host_;
    std::unique_ptr<DelayLine> line_;
    std::vector<std::string> pids_;
    bool ok_ = false;
};

const json& only_device(const json& report) {
    REQUIRE(report.at("devices").size() == 1);
    CHECK(report.at("devices").at(0).at("ip") == host_address);
    return report.at("devices").at(0);
}

bool has_port(const json& device, int port) {
    for (const auto& open : device.at("open_ports"))
        if (open.at("port") == port) return true;
    return false;
}

int learned_ms(const json& report) { return std::stoi(report.at("scan").at("options").at("timeout_learned_ms").get<std::string>()); }

const char* missing_precondition() {
    if (geteuid() != 0) return "needs root to build network namespaces";
    if (!sh("test -x /usr/bin/python3")) return "needs python3 for the web servers";
    if (!sh("command -v nft")) return "needs nft for the filtered ports";
    if (!sh("test -c /dev/net/tun")) return "needs /dev/net/tun for the delay line";
    return nullptr;
}

}  // namespace

TEST_CASE("adaptive timing: a host 200 ms away is found and the learned timeout is above its round trip") {
    TimingNetwork network(std::chrono::milliseconds(200));
    REQUIRE(network.ok());
    const auto report = network.scan("--ports 80,443,8080", "rtt-slow");
    CHECK(report.at("scan").at("complete") == true);
    const auto& device = only_device(report);
    CHECK(device.at("discovery").get<std::string>().starts_with("tcp/"));
    CHECK(has_port(device, 80));  // the learned timeout did not cut off a slow open port
    CHECK(has_port(device, 443));
    MESSAGE("learned timeout behind the 200 ms line: ", learned_ms(report), " ms");
    CHECK(learned_ms(report) > 200);
    CHECK(learned_ms(report) <= 1500);  // --timeout is the ceiling
}

TEST_CASE("adaptive timing: on a direct link the learned timeout is the floor, and a dropped port is absent, unretried") {
    TimingNetwork network(std::chrono::milliseconds(0));
    REQUIRE(network.ok());
    REQUIRE(network.drop_ports("554, 8081"));
    // Without CAP_NET_RAW, as an unprivileged user: the connect sweep, whose retries the rule decides.
    const std::string connect_sweep = "setpriv --bounding-set -net_raw --inh-caps -net_raw ";
    const auto report = network.scan("--ports 80,554,8080,8081", "rtt-fast", connect_sweep);
    CHECK(report.at("scan").at("complete") == true);
    const auto& device = only_device(report);
    CHECK(has_port(device, 80));
    CHECK_FALSE(has_port(device, 554));   // dropped: filtered, not open
    CHECK_FALSE(has_port(device, 8081));
    CHECK_FALSE(has_port(device, 8080));  // a reset: closed
    CHECK(learned_ms(report) == 100);
    const auto& options = report.at("scan").at("options");
    // Discovery's six probes (554 dropped, no retry there) and one per swept port: the host
    // answered 80 and 8080, so its two silent ports are filters and get no retry.
    CHECK(options.at("probes_sent") == "10");

    const auto fixed = network.scan("--ports 80,554,8080,8081 --no-adaptive-timing", "rtt-fixed", connect_sweep);
    CHECK(fixed.at("scan").at("complete") == true);
    CHECK(has_port(only_device(fixed), 80));
    CHECK(fixed.at("scan").at("options").at("timeout_learned_ms") == "none");
    CHECK(fixed.at("scan").at("options").at("adaptive_timing") == "off");
    CHECK(fixed.at("scan").at("options").at("probes_sent") == "12");  // --retries 1 for each dropped port
}

int main(int argc, char** argv) { return camaudit::testing::skip_or_run(missing_precondition(), argc, argv); }
