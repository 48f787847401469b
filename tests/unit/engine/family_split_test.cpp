// Proves the family split a mixed target set gets on a SYN-capable machine: the IPv4 sweep
// sees only the IPv4 addresses, the other only the IPv6 ones, every address of both is probed
// (real connect sweeps on loopback underneath), and the stats are the sum of both runs.
#include <engine/connect_sweep.hpp>
#include <engine/family_split_sweep.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <doctest/doctest.h>
#include <mutex>
#include <set>

using namespace camaudit::engine;
namespace asio = boost::asio;
using asio::ip::make_address;

namespace {

// A real connect sweep that also notes which addresses it was handed.
class Noting final : public Sweep {
public:
    const char* name() const override { return "noting"; }
    SweepStats run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) override {
        for (std::uint64_t i = 0; i < plan.addresses.size; ++i) given.insert(plan.addresses.at(i).to_string());
        return connect_.run(plan, sink, stop);
    }
    std::set<std::string> given;

private:
    ConnectSweep connect_;
};

}  // namespace

TEST_CASE("family split: IPv4 addresses to the first sweep, IPv6 to the second, stats summed") {
    asio::io_context io;
    boost::system::error_code no_v6;
    asio::ip::tcp::acceptor v4(io, {make_address("127.0.0.1"), 0});
    asio::ip::tcp::acceptor v6(io);
    v6.open(asio::ip::tcp::v6(), no_v6);
    if (!no_v6) v6.bind({make_address("::1"), v4.local_endpoint().port()}, no_v6);
    if (!no_v6) v6.listen(16, no_v6);
    if (no_v6) {
        MESSAGE("no IPv6 loopback here (" << no_v6.message() << "); skipped");
        return;
    }
    const std::vector<std::string> mixed = {"127.0.0.1", "::1", "127.0.0.2", "127.0.0.3"};
    SweepPlan plan;
    plan.addresses = {mixed.size(), [&](std::uint64_t i) { return make_address(mixed[i]); }};
    plan.ports = {v4.local_endpoint().port()};
    plan.rate = 100000;
    plan.timeout = std::chrono::milliseconds(1000);
    std::mutex guard;
    std::set<std::pair<std::string, PortReply>> replies;
    const ReplySink sink = [&](const SweepReply& r) {
        const std::lock_guard lock(guard);
        replies.emplace(r.address.to_string(), r.reply);
    };
    Noting ipv4, other;
    FamilySplitSweep split(ipv4, other);
    const std::atomic<bool> stop{false};
    const auto stats = split.run(plan, sink, stop);
    CHECK(ipv4.given == std::set<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3"});
    CHECK(other.given == std::set<std::string>{"::1"});
    CHECK(stats.elements == 4);
    CHECK(stats.open == 2);    // the listeners on 127.0.0.1 and ::1
    CHECK(stats.closed == 2);  // 127.0.0.2 and .3 refuse
    CHECK(stats.complete);
    CHECK(replies.count({"::1", PortReply::open}) == 1);
    CHECK(replies.count({"127.0.0.1", PortReply::open}) == 1);
}
