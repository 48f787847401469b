// Proves the engine's small pieces: the progress line says phase, rate, elapsed, ETA, hosts up
// and devices; host discovery keeps one entry per host (ARP first) and names how it answered;
// the connect window raises the soft descriptor limit and lowers a window that does not fit,
// with one warning; the dry run's estimate follows the engine's window and retries.
#include <engine/connect_window.hpp>
#include <engine/host_discovery.hpp>
#include <engine/progress_line.hpp>
#include <engine/scan_estimate.hpp>
#include "with_descriptor_limit.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>

using namespace camaudit::engine;
using boost::asio::ip::make_address;

TEST_CASE("the progress line names the phase, its rate, elapsed time, ETA, hosts up, devices and prohibited ones") {
    Progress p;
    p.phase = Phase::sweep;
    p.done = 1200;
    p.total = 6000;
    p.phase_elapsed = std::chrono::seconds(3);
    p.elapsed = std::chrono::seconds(7);
    p.hosts_up = 5;
    p.devices = 3;
    p.open_ports = 9;
    p.prohibited = 2;
    CHECK(progress_line(p) ==
          "sweep 1200/6000 probes (20%), 400/s, elapsed 0:07, ETA 0:12, 5 hosts up, 3 devices, 2 prohibited, 9 open ports");
    p.phase = Phase::discovery;
    p.phase_elapsed = std::chrono::milliseconds(100);  // too early for a rate
    CHECK(progress_line(p).starts_with("discovery 1200/6000 probes (20%), 0/s, elapsed 0:07, ETA -,"));
    p.phase = Phase::deep_probes;
    p.done = 2;
    p.total = 4;
    p.phase_elapsed = std::chrono::seconds(4);
    CHECK(progress_line(p).starts_with("deep probes 2/4 hosts (50%), 0.5 hosts/s, elapsed 0:07, ETA 0:04,"));
}

TEST_CASE("host discovery keeps one entry per host, sorted, the first reason winning (ARP first)") {
    const auto hosts = compact_up_hosts({{make_address("10.0.0.9"), "arp"},
                                         {make_address("10.0.0.2"), "tcp/554 reset"},
                                         {make_address("10.0.0.9"), "tcp/80 open"},
                                         {make_address("10.0.0.2"), "tcp/80 open"}});
    REQUIRE(hosts->size() == 2);
    CHECK((*hosts)[0].address == make_address("10.0.0.2"));
    CHECK((*hosts)[0].how == "tcp/554 reset");
    CHECK((*hosts)[1].how == "arp");
    const auto list = address_list(hosts);
    CHECK(list.size == 2);
    CHECK(list.at(1) == make_address("10.0.0.9"));
    CHECK(discovery_reason({make_address("10.0.0.2"), 443, PortReply::open, {}}) == "tcp/443 open");
    CHECK(discovery_reason({make_address("10.0.0.2"), 8000, PortReply::unreachable, {}}) == "tcp/8000 unreachable");
}

TEST_CASE("the connect window raises the soft descriptor limit to the hard one") {
    rlimit before{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &before) == 0);
    std::vector<std::string> warnings;
    connect_window(16, warnings);
    rlimit after{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &after) == 0);
    CHECK(after.rlim_cur == after.rlim_max);
    CHECK(warnings.empty());
}

TEST_CASE("a window beyond the descriptor limit is lowered, with one warning naming both numbers") {
    CHECK(camaudit::testing::holds_with_descriptor_limit(300, [] {
        std::vector<std::string> warnings;
        const auto window = connect_window(5000, warnings);
        return window == 118 && warnings.size() == 1 &&
               warnings[0].find("concurrency 5000 lowered to 118") != std::string::npos &&
               warnings[0].find("open-file limit is 300") != std::string::npos;
    }));
}

TEST_CASE("a silent sweep is bound by the window over the timeout, an answered one by the rate") {
    // 256 slots / 1.5 s = 170.7 probes/s under a cap of 1000: 1000 pairs, one retry each.
    CHECK(silent_sweep_seconds(1000, 1000, 256, std::chrono::milliseconds(1500), 1) == doctest::Approx(2000 / (256 / 1.5) + 1.5));
    // A window of rate x timeout leaves the rate in charge.
    CHECK(silent_sweep_seconds(6000, 1000, 1501, std::chrono::milliseconds(1500), 0) == doctest::Approx(6.0 + 1.5));
    CHECK(silent_sweep_seconds(0, 1000, 256, std::chrono::milliseconds(1500), 1) == 0);
    CHECK(answered_sweep_seconds(30000, 1000) == doctest::Approx(30));
    CHECK(discovery_window(1000, std::chrono::milliseconds(1500), 256) >= std::min<std::size_t>(1501, descriptor_room()));
    CHECK(rough_duration(393) == "7 min");
    CHECK(rough_duration(12) == "12 s");
    CHECK(rough_duration(6000) == "1 h 40 min");
}
