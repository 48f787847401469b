// Proves `camaudit scan --dry-run` sends nothing and counts right: in a network namespace the
// test creates, an nftables counter on the output hook counts every packet the namespace's
// processes send (loopback included). The dry run must leave it at zero, print the scope and
// the probe counts of the given targets and ports, and exit 0; a bad target exits 2. A short
// real scan of the same namespace moves the counter, so a counter that counts nothing fails.
// Exits 77 (SKIPPED to CTest) when not root or without nftables.
#define DOCTEST_CONFIG_IMPLEMENT
#include "../skip_or_run.hpp"
#include "command.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

using camaudit::testing::run_command;

namespace {

// 198.18.0.0/15 is the benchmark range (RFC 2544); the namespace puts it on a veth pair whose
// both ends are its own (the far end holds no address and answers nothing), so no packet can
// leave the namespace even if one were sent.
const std::string scanned = "198.18.8.0/24";
const std::string excluded = "198.18.8.0/28";  // 16 addresses out: 240 left

class QuietNamespace {
public:
    QuietNamespace() : name_("camaudit-dry-" + std::to_string(getpid())) {
        // No IPv6 in the namespace: the kernel's own link-local chatter on a new link (DAD, MLD,
        // router solicitations) would otherwise count as sent; the targets are IPv4.
        ok_ = sh("ip netns add " + name_) && sh(in("sysctl -qw net.ipv6.conf.all.disable_ipv6=1")) &&
              sh(in("sysctl -qw net.ipv6.conf.default.disable_ipv6=1")) && sh(in("ip link set lo up")) && sh(in("ip link add d0 type veth peer name d1")) &&
              sh(in("ip addr add 198.18.9.1/23 dev d0")) && sh(in("ip link set d0 up")) && sh(in("ip link set d1 up")) &&
              sh(in("nft add table inet camaudit_dry")) &&
              sh(in("nft add chain inet camaudit_dry out '{ type filter hook output priority 0; }'")) &&
              sh(in("nft add rule inet camaudit_dry out counter"));
    }
    ~QuietNamespace() { sh("ip netns del " + name_); }
    bool ok() const { return ok_; }
    std::string in(const std::string& command) const { return "ip netns exec " + name_ + " " + command; }

    // Packets sent by anything in the namespace since it was made.
    long packets_sent() const {
        const auto listed = run_command(in("nft list chain inet camaudit_dry out"));
        const auto at = listed.out.find("counter packets ");
        return at == std::string::npos ? -1 : std::stol(listed.out.substr(at + 16));
    }

    // Frames sent on the veth by any socket, packet sockets included (pcap_inject of ARP).
    long frames_sent() const {
        const auto read = run_command(in("cat /sys/class/net/d0/statistics/tx_packets"));
        return read.exit_code == 0 && !read.out.empty() ? std::stol(read.out) : -1;
    }

private:
    static bool sh(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }
    std::string name_;
    bool ok_ = false;
};

std::string camaudit_cli(const std::string& arguments) { return std::string(CAMAUDIT_BIN) + " " + arguments; }

bool has_line(const std::string& text, const std::string& line) {
    return text.find(line + "\n") != std::string::npos;
}

const char* missing_precondition() {
    if (geteuid() != 0) return "needs root to build a network namespace";
    if (std::system("command -v nft >/dev/null 2>&1") != 0) return "needs nft (nftables) for the packet counter";
    return nullptr;
}

}  // namespace

TEST_CASE("dry run: the scope and probe counts of the targets are printed, exit 0, and not one packet is sent") {
    QuietNamespace ns;
    REQUIRE(ns.ok());
    REQUIRE(ns.packets_sent() == 0);
    const auto dir = camaudit::testing::fresh_temp_dir("dry-run");
    // --no-arp: the targets are on-link, and this case counts TCP discovery.
    const auto result = run_command(ns.in(camaudit_cli("scan " + scanned + " -x " + excluded +
                                                   " --no-arp --ports 80,443,554 --rate 500 --dry-run --out " +
                                                   (dir / "r.json").string())));
    INFO(result.out);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(ns.packets_sent() == 0);
    CHECK(has_line(result.out, "addresses in scope: 240"));
    CHECK(has_line(result.out, "addresses of shard 1/1: 240"));
    CHECK(has_line(result.out, "tcp ports: 3 (80,443,554)"));
    CHECK(has_line(result.out, "  discovery: 1440 probes (240 addresses x 6 ports: 80, 443, 554, 8000, 37777, 4100)"));
    CHECK(result.out.find("  sweep: per host up: 3 ports (720 probes if every address is up;") != std::string::npos);
    CHECK(result.out.find("rate: 500 probes/s;") != std::string::npos);
    CHECK(result.out.find("estimate: ") != std::string::npos);
    CHECK(!std::filesystem::exists(dir / "r.json"));  // checked writable, never written
}

TEST_CASE("dry run: as root the on-link targets are planned as ARP requests, and no frame leaves the interface") {
    QuietNamespace ns;
    REQUIRE(ns.ok());
    const long frames_before = ns.frames_sent();
    const auto result = run_command(ns.in(camaudit_cli("scan " + scanned + " -x " + excluded + " --dry-run")));
    INFO(result.out);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(ns.packets_sent() == 0);
    CHECK(ns.frames_sent() == frames_before);  // counts what a packet socket sends too (nft does not see ARP)
    CHECK(has_line(result.out, "  arp: 240 requests to the on-link targets (CAP_NET_RAW); they are up exactly when they answer"));
    CHECK(has_line(result.out, "  discovery: 0 probes (0 addresses x 6 ports: 80, 443, 554, 8000, 37777, 4100)"));
    CHECK(has_line(result.out, "sweep: syn (stateless; CAP_NET_RAW held; IPv6 targets get the connect sweep)"));
}

TEST_CASE("dry run: a shard counts its own slice, and --no-discovery sweeps every address") {
    QuietNamespace ns;
    REQUIRE(ns.ok());
    const auto result = run_command(ns.in(camaudit_cli("scan " + scanned + " --seed 7 --shard 2/4 -Pn --ports 80 --dry-run")));
    INFO(result.out);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(ns.packets_sent() == 0);
    CHECK(has_line(result.out, "addresses in scope: 256"));
    CHECK(has_line(result.out, "addresses of shard 2/4: 64"));
    CHECK(has_line(result.out, "  discovery: none (--no-discovery): every address is swept"));
    CHECK(result.out.find("  sweep: per host up: 1 ports (64 probes if every address is up;") != std::string::npos);
}

TEST_CASE("dry run: a bad target exits 2 before anything, and sends nothing") {
    QuietNamespace ns;
    REQUIRE(ns.ok());
    const auto result = run_command(ns.in(camaudit_cli("scan 198.18.8.300 --dry-run")));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("bad target '198.18.8.300'") != std::string::npos);
    CHECK(ns.packets_sent() == 0);
}

TEST_CASE("dry run: the counter is live: a real scan of the same namespace moves it, after its estimate line") {
    QuietNamespace ns;
    REQUIRE(ns.ok());
    const auto dir = camaudit::testing::fresh_temp_dir("dry-run-real");
    // --no-arp: the TCP discovery probes are what the nft counter sees.
    const auto result = run_command(ns.in(camaudit_cli("scan 198.18.8.0/30 --no-arp --ports 80 --timeout 100ms --no-progress --out " +
                                                   (dir / "r.json").string())));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("camaudit: 4 addresses, about ") < result.err.find("camaudit: scanned 4 addresses"));
    CHECK(ns.packets_sent() >= 24);  // 4 addresses x 6 discovery ports at least
}

int main(int argc, char** argv) { return camaudit::testing::skip_or_run(missing_precondition(), argc, argv); }
