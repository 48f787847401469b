// Proves the deep-probe scheduler: every open port gets the probes that apply to it once, even
// when the sweep reports it twice; a host slower than its budget costs the budget, not the
// scan, and says so in one error; a fast host next to it is not held up.
#include <engine/deep_probes.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <doctest/doctest.h>

using namespace camaudit;
using namespace camaudit::engine;
namespace asio = boost::asio;

namespace {

int runs = 0;

// Answers at once on 80; on 81 it takes ten seconds (a device that answers every port slowly).
asio::awaitable<ProbeResult> fake_run(ProbeTarget target, ProbeEnv) {
    ++runs;
    if (target.endpoint.port == 81) {
        asio::steady_timer slow(co_await asio::this_coro::executor, std::chrono::seconds(10));
        co_await slow.async_wait(asio::use_awaitable);
    }
    ProbeResult result;
    result.service = "fake";
    Observation o;
    o.ip = target.ip;
    o.key = "fake.answer";
    o.port = target.endpoint.port;
    result.observations.push_back(o);
    co_return result;
}

const DeepProbe fake_probe{"fake", "a probe for the scheduler's tests", {}, [](std::uint16_t) { return true; }, fake_run};

struct Collected {
    std::vector<Observation> observations, open_ports;
    std::vector<ReportError> errors;
    bool finished = false;
    std::vector<asio::ip::address> hosts_done;  // in the order their deep probes ended
    DeepProbeSinks sinks() {
        return {[this](Observation o) { observations.push_back(std::move(o)); },
                [this](Observation o) { open_ports.push_back(std::move(o)); },
                [this](ReportError e) { errors.push_back(std::move(e)); }, [this] { finished = true; },
                [this](const asio::ip::address& host) { hosts_done.push_back(host); }};
    }
};

}  // namespace

TEST_CASE("deep probes: a port reported twice is probed once, a slow host costs its budget and one error") {
    runs = 0;
    asio::io_context io;
    ProbeData data;
    DeepProbeOptions options;
    options.probes = {&fake_probe};
    options.data = &data;
    options.host_budget = std::chrono::milliseconds(300);
    Collected got;
    bool stopping = false;
    DeepProbeScheduler scheduler(io.get_executor(), options, got.sinks(), stopping);
    const auto fast = asio::ip::make_address("127.0.0.1"), slow = asio::ip::make_address("127.0.0.2");
    scheduler.add({fast, 80});
    scheduler.add({fast, 80});
    scheduler.add({slow, 81});
    scheduler.add({slow, 82});
    scheduler.close();
    io.run_for(std::chrono::seconds(5));
    CHECK(got.finished);  // within the 5 s given: bounded by the budget, not the probe's ten seconds
    CHECK(runs == 2);                      // fast:80 once; slow:81, then the budget is spent
    CHECK(got.open_ports.size() == 3);     // every open port is recorded, probed or not
    REQUIRE(got.errors.size() == 1);
    CHECK(got.errors[0].target.starts_with("127.0.0.2:"));
    CHECK(got.errors[0].message.find("time budget") != std::string::npos);
    REQUIRE(got.observations.size() == 1);
    CHECK(got.observations[0].ip == "127.0.0.1");
    CHECK(scheduler.hosts_done() == 2);
    // Each host is reported done once, the fast one first (the engine judges it then).
    REQUIRE(got.hosts_done.size() == 2);
    CHECK(got.hosts_done[0] == fast);
    CHECK(got.hosts_done[1] == slow);
}
