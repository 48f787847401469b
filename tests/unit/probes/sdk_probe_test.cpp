// Proves the hiksdk probe against real sockets on 127.0.0.1: a Hikvision-like port that answers
// junk (or greets unasked) with its 16-byte header yields that header in hex; a silent port
// and one that closes are recorded errors within the deadline; a port that floods 1 MiB is
// read no further than 64 bytes.
#include "../net/loopback_server.hpp"

#include <doctest/doctest.h>
#include <probes/registry.hpp>
#include <probes/sdk_probe.hpp>

#include <boost/asio.hpp>

#include <chrono>

using namespace camaudit;
using camaudit::testing::LoopbackServer;
using camaudit::testing::run_awaitable;
namespace asio = boost::asio;

namespace {

const std::string junk_reply("\x00\x00\x00\x10\x00\x00\x00\x0d\x00\x00\x00\x0d\x00\x00\x00\x00", 16);
const std::string greeting("\x00\x00\x00\x10\x00\x00\x00\x1e\x00\x00\x00\x1e\x00\x00\x00\x00", 16);

ProbeResult probe(std::uint16_t port, std::chrono::milliseconds exchange_timeout = std::chrono::milliseconds(2000)) {
    ProbeLimits limits;
    limits.connect_timeout = std::chrono::milliseconds(1000);
    limits.exchange_timeout = exchange_timeout;
    const ProbeData data;
    ProbeTarget target{{asio::ip::make_address("127.0.0.1"), port}, "127.0.0.1"};
    return run_awaitable(probes::sdk_probe.run(target, ProbeEnv{limits, data}));
}

std::string errors_of(const ProbeResult& result) {
    std::string text;
    for (const auto& e : result.errors) text += e.target + " " + e.probe + ": " + e.message + "\n";
    return text;
}

}  // namespace

TEST_CASE("hiksdk: applies to the port table's hikvision-sdk port only and --probes knows it") {
    CHECK(probes::sdk_probe.applies(8000));
    CHECK_FALSE(probes::sdk_probe.applies(80));
    CHECK_FALSE(probes::sdk_probe.applies(37777));
    const auto chosen = probes::select_probes("hiksdk");
    REQUIRE(chosen.deep.size() == 1);
    CHECK(chosen.deep.front() == &probes::sdk_probe);
    CHECK(chosen.udp.empty());
}

TEST_CASE("hiksdk: a port that answers the junk request with the 16-byte header gives that header in hex") {
    LoopbackServer server({{junk_reply}, {}, true});  // reads up to CR LF CR LF, as the junk is
    const auto result = probe(server.endpoint().port());
    INFO(errors_of(result));
    CHECK(result.errors.empty());
    REQUIRE(result.observations.size() == 1);
    const auto& banner = result.observations.front();
    CHECK(banner.key == "tcp.banner.hex");
    CHECK(banner.value == "000000100000000d0000000d00000000");
    CHECK(banner.probe == "hiksdk");
    CHECK(banner.port == server.endpoint().port());
    CHECK(banner.proto == "tcp");
    CHECK(banner.context == "port " + std::to_string(server.endpoint().port()) + " reply to 4 junk bytes");
}

TEST_CASE("hiksdk: a port that greets unasked is heard before anything is sent") {
    LoopbackServer server({{greeting}, {}, false});
    const auto result = probe(server.endpoint().port());
    INFO(errors_of(result));
    REQUIRE(result.observations.size() == 1);
    CHECK(result.observations.front().value == "000000100000001e0000001e00000000");
    CHECK(result.observations.front().context.ends_with("greeting (nothing sent)"));
}

TEST_CASE("hiksdk: a reply split across segments is joined") {
    LoopbackServer server({{greeting.substr(0, 5), greeting.substr(5)}, std::chrono::milliseconds(50), true});
    const auto result = probe(server.endpoint().port());
    REQUIRE(result.observations.size() == 1);
    CHECK(result.observations.front().value == "000000100000001e0000001e00000000");
}

TEST_CASE("hiksdk: a silent port is a recorded timeout, within the deadline, with no observation") {
    asio::io_context io;
    asio::ip::tcp::acceptor listening(io, {asio::ip::make_address("127.0.0.1"), 0});  // never accepts
    const auto started = std::chrono::steady_clock::now();
    const auto result = probe(listening.local_endpoint().port(), std::chrono::milliseconds(300));
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(result.observations.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors.front().probe == "hiksdk");
    CHECK(result.errors.front().message == "reply to 4 junk bytes: no reply within 300 ms");
    CHECK(took < std::chrono::milliseconds(1500));
}

TEST_CASE("hiksdk: a port that closes without a byte, and a closed port, are recorded errors") {
    LoopbackServer closing({{}, {}, true});
    const auto closed_result = probe(closing.endpoint().port());
    CHECK(closed_result.observations.empty());
    REQUIRE(closed_result.errors.size() == 1);
    CHECK(closed_result.errors.front().message.starts_with("reply to 4 junk bytes: closed without a reply"));

    std::uint16_t free_port = 0;
    {
        asio::io_context io;
        asio::ip::tcp::acceptor taken(io, {asio::ip::make_address("127.0.0.1"), 0});
        free_port = taken.local_endpoint().port();
    }
    const auto refused = probe(free_port);
    CHECK(refused.observations.empty());
    REQUIRE(refused.errors.size() == 1);
    CHECK(refused.errors.front().message.find("connect: ") != std::string::npos);
}

TEST_CASE("hiksdk: a port that floods 1 MiB is read no further than 64 bytes") {
    LoopbackServer server({{std::string(1 << 20, '\xab')}, {}, false});
    const auto started = std::chrono::steady_clock::now();
    const auto result = probe(server.endpoint().port());
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));
    REQUIRE(result.observations.size() == 1);
    std::string expected;
    for (std::size_t i = 0; i < probes::sdk_banner_max_bytes; ++i) expected += "ab";
    CHECK(result.observations.front().value == expected);
}
