// Proves the SYN sweep on real packets between two namespaces: a listening port is open, a
// port with no listener closed, an nft-rejected port unreachable, nft-dropped ports, an
// address with no host and a router's unreachable are never reported, forged replies are
// counted invalid, shards split the plan, a throwing sink reaches the caller, and a process
// without CAP_NET_RAW is told to use the connect sweep.
#include "veth_pair.hpp"

#include <engine/probe_key.hpp>
#include <engine/syn_sweep.hpp>
#include <engine/tcp_packet.hpp>
#include <net/privileges.hpp>

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <cstdio>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

using camaudit::engine::PortReply;
using camaudit::test::VethPair;
namespace ip = boost::asio::ip;

namespace {

constexpr std::uint16_t open_port = 8080, closed_port = 8081, dropped_port = 8082, rejected_port = 8083;
constexpr const char* no_host = "198.18.0.9";        // on the link, nobody answers ARP
constexpr const char* beyond_router = "198.19.0.5";  // routed via the target, which has no route on

bool skip_without_namespaces() {
    const auto why = VethPair::unavailable();
    if (why.empty()) return false;
    MESSAGE(why << "; skipped");
    return true;
}

bool have_nft() { return std::system("command -v nft >/dev/null 2>&1") == 0; }

// Counts, in the scanner's namespace, the net unreachables the target sends as a router, so
// the test knows the case it asserts "not reported" really happened.
constexpr const char* count_router_unreachables =
    "nft add table ip synscan && nft add counter ip synscan router_unreachables && "
    "nft add chain ip synscan input \"{ type filter hook input priority 0; policy accept; }\" && "
    "nft add rule ip synscan input icmp type destination-unreachable icmp code net-unreachable "
    "counter name router_unreachables";

std::uint64_t router_unreachables(const std::string& netns) {
    const std::string command = "ip netns exec " + netns + " nft list counter ip synscan router_unreachables";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string text;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) text += buffer;
    const auto at = text.find("packets ");
    REQUIRE(at != std::string::npos);
    return std::stoull(text.substr(at + 8));
}

// A listening socket on the target, left open until the test ends (it lives in that namespace).
int listen_on(std::uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, VethPair::target_address, &address.sin_addr);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(listen(fd, 16) == 0);
    return fd;
}

// Replies from the target that no probe asked for: a SYN-ACK and a reset to our probe
// ports whose acknowledgement numbers match no probe.
void send_forged_replies() {
    const int raw = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    REQUIRE(raw >= 0);
    const auto source = ip::make_address_v4(VethPair::target_address).to_uint();
    const auto destination = ip::make_address_v4(VethPair::scanner_address).to_uint();
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(destination);
    namespace flag = camaudit::engine::tcp_flag;
    for (const auto& [port, flags] : {std::pair{open_port, flag::syn | flag::ack}, std::pair{closed_port, flag::rst | flag::ack}}) {
        const auto packet = camaudit::engine::tcp_packet(
            {source, destination, port, camaudit::engine::probe_port_first, 1, 12345, static_cast<std::uint8_t>(flags), 0, 64});
        REQUIRE(sendto(raw, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) == static_cast<ssize_t>(packet.size()));
    }
    close(raw);
}

struct Collected {
    std::mutex mutex;
    std::multiset<std::tuple<std::string, std::uint16_t, PortReply>> replies;
    std::vector<std::chrono::microseconds> open_rtts;
    camaudit::engine::ReplySink sink() {
        return [this](const camaudit::engine::SweepReply& reply) {
            std::lock_guard lock(mutex);
            replies.insert({reply.address.to_string(), reply.port, reply.reply});
            if (reply.reply == PortReply::open) open_rtts.push_back(reply.rtt);
        };
    }
};

camaudit::engine::SweepPlan plan_for(std::vector<ip::address> addresses, std::vector<std::uint16_t> ports) {
    camaudit::engine::SweepPlan plan;
    auto shared = std::make_shared<std::vector<ip::address>>(std::move(addresses));
    plan.addresses = {shared->size(), [shared](std::uint64_t i) { return (*shared)[i]; }};
    plan.ports = std::move(ports);
    plan.seed = 7;
    plan.rate = 2000;
    plan.retries = 1;
    plan.late_wait = std::chrono::milliseconds(800);
    return plan;
}

}  // namespace

TEST_CASE("the SYN sweep reports open, closed and host-unreachable ports and nothing else") {
    if (skip_without_namespaces()) return;
    VethPair pair;
    const bool nft = have_nft();
    if (!nft) MESSAGE("nft is not installed: the dropped and rejected ports are not tested");
    REQUIRE(VethPair::run_in(pair.scanner(), "ip route add 198.19.0.0/24 via 198.18.0.2"));
    // ip_forward: the target routes 198.19.0.0/24 nowhere and answers with a net unreachable.
    // icmp_ratelimit=0: the router's unreachables must not use up the per-peer ICMP budget
    // before the rejected port's own unreachable is sent.
    REQUIRE(VethPair::run_in(pair.target(), "sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0"));
    if (nft) REQUIRE(VethPair::run_in(pair.scanner(), count_router_unreachables));
    if (nft)
        REQUIRE(VethPair::run_in(pair.target(), "nft add table ip synlab && nft add chain ip synlab input "
                                                "\"{ type filter hook input priority 0; policy accept; }\" && "
                                                "nft add rule ip synlab input tcp dport 8082 drop && "
                                                "nft add rule ip synlab input tcp dport 8083 reject with icmp type port-unreachable"));
    int listener = -1;
    VethPair::inside(pair.target(), [&] { listener = listen_on(open_port); });

    std::unique_ptr<camaudit::engine::SynSweep> sweep;
    VethPair::inside(pair.scanner(), [&] { sweep = camaudit::engine::SynSweep::open(ip::make_address_v4(VethPair::target_address)); });
    CHECK(sweep->interface() == "syn0");
    CHECK(sweep->source().to_string() == VethPair::scanner_address);
    VethPair::inside(pair.target(), send_forged_replies);  // caught by the capture, read by run()

    std::vector<std::uint16_t> ports = {open_port, closed_port};
    if (nft) ports.insert(ports.end(), {dropped_port, rejected_port});
    auto plan = plan_for({ip::make_address(VethPair::target_address), ip::make_address(no_host), ip::make_address(beyond_router)}, ports);
    Collected collected;
    std::atomic<bool> stop{false};
    const auto stats = sweep->run(plan, collected.sink(), stop);
    close(listener);

    std::multiset<std::tuple<std::string, std::uint16_t, PortReply>> expected = {
        {VethPair::target_address, open_port, PortReply::open}, {VethPair::target_address, closed_port, PortReply::closed}};
    if (nft) expected.insert({VethPair::target_address, rejected_port, PortReply::unreachable});
    CHECK(collected.replies == expected);  // once each: the retry pass skipped what answered
    if (nft) CHECK(router_unreachables(pair.scanner()) > 0);  // came, and were not reported
    REQUIRE(collected.open_rtts.size() == 1);  // Linux echoes the SYN's timestamp in its SYN-ACK
    CHECK(collected.open_rtts[0] > std::chrono::microseconds(0));
    CHECK(collected.open_rtts[0] < std::chrono::seconds(1));
    CHECK(stats.elements == 3 * ports.size());
    CHECK(stats.open == 1);
    CHECK(stats.closed == 1);
    CHECK(stats.unreachable == (nft ? 1 : 0));
    CHECK(stats.invalid == 2);  // the two forged replies
    const auto silent = stats.elements - expected.size();
    CHECK(stats.sent >= stats.elements + silent);  // the retry pass re-sent every silent pair
    CHECK(stats.sent <= 2 * stats.elements);
    CHECK(stats.send_errors == 0);
    CHECK(stats.complete);
    CHECK(stats.warnings.empty());
}

TEST_CASE("a SYN sweep stopped before it starts sends nothing and says it is incomplete") {
    if (skip_without_namespaces()) return;
    VethPair pair;
    std::unique_ptr<camaudit::engine::SynSweep> sweep;
    VethPair::inside(pair.scanner(), [&] { sweep = camaudit::engine::SynSweep::open(ip::make_address_v4(VethPair::target_address)); });
    auto plan = plan_for({ip::make_address(VethPair::target_address)}, {open_port, closed_port});
    Collected collected;
    std::atomic<bool> stop{true};
    const auto stats = sweep->run(plan, collected.sink(), stop);
    CHECK_FALSE(stats.complete);
    CHECK(stats.sent == 0);
    CHECK(collected.replies.empty());
}

TEST_CASE("without CAP_NET_RAW the SYN sweep is not ready and says to use connect") {
    if (geteuid() != 0) {
        const auto readiness = camaudit::engine::syn_sweep_ready();
        CHECK_FALSE(readiness.ready);
        CHECK(readiness.reason.find("CAP_NET_RAW") != std::string::npos);
        return;
    }
    CHECK(camaudit::engine::syn_sweep_ready().ready);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // drop to nobody, as a scan does after opening its handles
        camaudit::net::drop_privileges({});
        const auto readiness = camaudit::engine::syn_sweep_ready();
        _exit(!readiness.ready && readiness.reason.find("CAP_NET_RAW") != std::string::npos ? 0 : 1);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a sink that throws makes the SYN sweep's run throw, not the process abort") {
    if (skip_without_namespaces()) return;
    VethPair pair;
    std::unique_ptr<camaudit::engine::SynSweep> sweep;
    VethPair::inside(pair.scanner(), [&] { sweep = camaudit::engine::SynSweep::open(ip::make_address_v4(VethPair::target_address)); });
    auto plan = plan_for({ip::make_address(VethPair::target_address)}, {closed_port});
    std::atomic<bool> stop{false};
    const camaudit::engine::ReplySink throwing = [](const camaudit::engine::SweepReply&) { throw std::runtime_error("sink full"); };
    CHECK_THROWS_WITH_AS(sweep->run(plan, throwing, stop), "sink full", std::runtime_error);
}

TEST_CASE("two shards of one SYN sweep probe disjoint halves that together cover the plan") {
    if (skip_without_namespaces()) return;
    VethPair pair;
    std::unique_ptr<camaudit::engine::SynSweep> sweep;
    VethPair::inside(pair.scanner(), [&] { sweep = camaudit::engine::SynSweep::open(ip::make_address_v4(VethPair::target_address)); });
    std::vector<std::uint16_t> ports;
    for (std::uint16_t port = 9000; port < 9016; ++port) ports.push_back(port);  // all closed: each answers a reset
    std::atomic<bool> stop{false};
    Collected first, second;
    auto plan = plan_for({ip::make_address(VethPair::target_address)}, ports);
    plan.shard = {1, 2};
    const auto one = sweep->run(plan, first.sink(), stop);
    plan.shard = {2, 2};
    const auto two = sweep->run(plan, second.sink(), stop);
    CHECK(one.elements + two.elements == ports.size());
    CHECK(first.replies.size() == one.elements);
    CHECK(second.replies.size() == two.elements);
    std::set<std::uint16_t> seen;
    for (const auto* replies : {&first.replies, &second.replies})
        for (const auto& [address, port, reply] : *replies) {
            CHECK(reply == PortReply::closed);
            CHECK(seen.insert(port).second);  // no port in both shards
        }
    CHECK(seen.size() == ports.size());
}
