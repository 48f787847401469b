// Proves the learned timeout: the ceiling until enough replies came, RFC 6298's srtt + 4 x
// rttvar after, never under twice the slowest round trip, clamped to the floor and ceiling;
// and the retry rule: a silent port is retried only on a host that has answered nothing.
#include <engine/retry_rule.hpp>
#include <engine/rtt_estimate.hpp>

#include <doctest/doctest.h>
#include <thread>
#include <vector>

using namespace camaudit::engine;
using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST_CASE("rtt estimate: the ceiling until min_samples replies came, unknown round trips ignored") {
    RttEstimate rtt({milliseconds(100), milliseconds(1500), 3});
    CHECK(rtt.timeout() == milliseconds(1500));
    rtt.add(microseconds(0));  // a reset without a timestamp: no sample
    rtt.add(microseconds(200));
    rtt.add(microseconds(200));
    CHECK_FALSE(rtt.learned());
    CHECK(rtt.timeout() == milliseconds(1500));
    rtt.add(microseconds(200));
    CHECK(rtt.learned());
    CHECK(rtt.samples() == 3);
}

TEST_CASE("rtt estimate: a LAN's sub-millisecond round trips give the floor") {
    RttEstimate rtt({milliseconds(100), milliseconds(1500), 4});
    for (int i = 0; i < 50; ++i) rtt.add(microseconds(80 + i % 7));
    CHECK(rtt.timeout() == milliseconds(100));
}

TEST_CASE("rtt estimate: RFC 6298 smoothing, srtt + 4 x rttvar") {
    RttEstimate rtt({milliseconds(1), milliseconds(60000), 1});
    rtt.add(microseconds(100000));  // srtt 100 ms, rttvar 50 ms: 300 ms (twice the slowest: 200)
    CHECK(rtt.timeout() == milliseconds(300));
    rtt.add(microseconds(100000));  // rttvar 37.5 ms: 250 ms
    CHECK(rtt.timeout() == milliseconds(250));
    for (int i = 0; i < 100; ++i) rtt.add(microseconds(100000));  // rttvar decays: twice the slowest wins
    CHECK(rtt.timeout() == milliseconds(200));
}

TEST_CASE("rtt estimate: one slow host among fast ones keeps the timeout above its round trip") {
    RttEstimate rtt({milliseconds(100), milliseconds(1500), 4});
    rtt.add(microseconds(400000));
    for (int i = 0; i < 200; ++i) rtt.add(microseconds(500));
    CHECK(rtt.timeout() >= milliseconds(800));
}

TEST_CASE("rtt estimate: a round trip beyond the ceiling is cut to the ceiling, a tiny ceiling beats the floor") {
    RttEstimate slow({milliseconds(100), milliseconds(1500), 1});
    slow.add(microseconds(3000000));
    CHECK(slow.timeout() == milliseconds(1500));
    RttEstimate tight({milliseconds(100), milliseconds(50), 1});
    tight.add(microseconds(10));
    CHECK(tight.timeout() == milliseconds(50));
}

TEST_CASE("rtt estimate: fed from several threads at once, every sample counts") {
    RttEstimate rtt;
    std::vector<std::thread> feeders;
    for (int t = 0; t < 4; ++t)
        feeders.emplace_back([&rtt] {
            for (int i = 0; i < 1000; ++i) rtt.add(microseconds(1000));
        });
    for (auto& feeder : feeders) feeder.join();
    CHECK(rtt.samples() == 4000);
    CHECK(rtt.timeout() == milliseconds(100));
}

TEST_CASE("retry rule: a silent port is retried only on a host that has answered nothing in this sweep") {
    RetryRule rule;
    const auto quiet = boost::asio::ip::make_address("198.18.0.2");
    const auto answering = boost::asio::ip::make_address("198.18.0.3");
    CHECK(rule.retry_silent(quiet));
    rule.answered(answering);
    CHECK_FALSE(rule.retry_silent(answering));
    CHECK(rule.retry_silent(quiet));
}
