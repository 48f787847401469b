// Proves the connect sweep on real loopback sockets: a handshake is open, a refusal closed,
// every pair probed once; a stop ends it early and says so; running out of descriptors
// (EMFILE) slows the sweep down and retries instead of turning probes into closed or lost.
#include <engine/connect_sweep.hpp>
#include "with_descriptor_limit.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <mutex>
#include <set>
#include <unistd.h>

using namespace camaudit::engine;
namespace asio = boost::asio;
using asio::ip::make_address;

namespace {

// A port nobody listens on: bound once to learn a free number, then released.
std::uint16_t free_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor probe(io, {make_address("127.0.0.1"), 0});
    return probe.local_endpoint().port();
}

AddressList loopback_addresses(std::uint64_t count) {
    return {count, [](std::uint64_t i) { return asio::ip::address(asio::ip::address_v4(0x7f000001u + static_cast<std::uint32_t>(i))); }};
}

SweepPlan plan_for(AddressList addresses, std::vector<std::uint16_t> ports) {
    SweepPlan plan;
    plan.addresses = std::move(addresses);
    plan.ports = std::move(ports);
    plan.seed = 7;
    plan.rate = 100000;
    plan.concurrency = 16;
    plan.timeout = std::chrono::milliseconds(1000);
    return plan;
}

struct Replies {
    std::mutex guard;
    std::set<std::tuple<std::string, std::uint16_t, PortReply>> seen;
    ReplySink sink() {
        return [this](const SweepReply& r) {
            const std::lock_guard lock(guard);
            seen.emplace(r.address.to_string(), r.port, r.reply);
        };
    }
};

}  // namespace

TEST_CASE("connect sweep: a handshake is open, a refusal closed, each pair once") {
    asio::io_context io;
    asio::ip::tcp::acceptor listener(io, {make_address("127.0.0.1"), 0});
    const auto open = listener.local_endpoint().port();
    const auto closed = free_port();
    Replies replies;
    std::atomic<bool> stop{false};
    ConnectSweep sweep;
    const auto stats = sweep.run(plan_for(loopback_addresses(2), {open, closed}), replies.sink(), stop);
    CHECK(stats.complete);
    CHECK(stats.elements == 4);
    CHECK(stats.sent == 4);
    CHECK(stats.open == 1);
    CHECK(stats.closed == 3);
    CHECK(replies.seen.count({"127.0.0.1", open, PortReply::open}) == 1);
    CHECK(replies.seen.count({"127.0.0.1", closed, PortReply::closed}) == 1);
    CHECK(replies.seen.count({"127.0.0.2", open, PortReply::closed}) == 1);  // the listener is on .1 only
    CHECK(replies.seen.size() == 4);
}

TEST_CASE("connect sweep: a stop before the first probe ends it at once, incomplete") {
    Replies replies;
    std::atomic<bool> stop{true};
    ConnectSweep sweep;
    const auto stats = sweep.run(plan_for(loopback_addresses(1000), {free_port()}), replies.sink(), stop);
    CHECK_FALSE(stats.complete);
    CHECK(stats.sent == 0);
    CHECK(replies.seen.empty());
}

TEST_CASE("connect sweep: out of descriptors (EMFILE) it backs off and retries, and no pair is lost") {
    // Nearly all of a limit of 64 held: the sweep's io_context takes 3, so a window of 16 must wait.
    CHECK(camaudit::testing::holds_with_descriptor_limit(64, [] {
        const auto closed = free_port();
        std::vector<int> held;
        for (int fd; (fd = open("/dev/null", O_RDONLY)) >= 0;) held.push_back(fd);
        for (int i = 0; i < 8 && !held.empty(); ++i, held.pop_back()) close(held.back());
        Replies replies;
        std::atomic<bool> stop{false};
        ConnectSweep sweep;
        const auto stats = sweep.run(plan_for(loopback_addresses(64), {closed}), replies.sink(), stop);
        return stats.complete && stats.closed == 64 && replies.seen.size() == 64 && stats.backoffs > 0 &&
               stats.send_errors == 0;
    }));
}
