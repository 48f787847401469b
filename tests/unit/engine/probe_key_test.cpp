// Proves the SYN sweep's stateless validation pieces: a probe's tag depends on the key and on
// every field it hashes, its source port stays in the filtered range, and the duplicate
// filter remembers what it marked.
#include <engine/probe_key.hpp>
#include <engine/seen_pairs.hpp>

#include <doctest/doctest.h>
#include <set>

using namespace camaudit::engine;

TEST_CASE("a probe's tag is the same under one key and changes with the key and each field") {
    const auto secret = random_probe_secret();
    ProbeKey key(secret), again(secret), other(random_probe_secret());
    const auto tag = key.tag(0xc6120001, 0xc6120002, 554);
    CHECK(again.tag(0xc6120001, 0xc6120002, 554).hash == tag.hash);
    CHECK(other.tag(0xc6120001, 0xc6120002, 554).hash != tag.hash);
    CHECK(key.tag(0xc6120003, 0xc6120002, 554).hash != tag.hash);
    CHECK(key.tag(0xc6120001, 0xc6120003, 554).hash != tag.hash);
    CHECK(key.tag(0xc6120001, 0xc6120002, 555).hash != tag.hash);
    CHECK(tag.seq == static_cast<std::uint32_t>(tag.hash));
}

TEST_CASE("source ports stay in the probe range and spread over it") {
    ProbeKey key(random_probe_secret());
    std::set<std::uint16_t> ports;
    for (std::uint32_t host = 0; host < 2000; ++host) {
        const auto port = key.tag(0xc6120001, 0xc6130000 + host, 80).source_port;
        CHECK(port >= probe_port_first);
        CHECK(port <= probe_port_last);
        ports.insert(port);
    }
    CHECK(ports.size() > 1500);  // 2000 draws from 4096 ports: about 1600 distinct
}

TEST_CASE("the duplicate filter remembers what it marked and little else") {
    ProbeKey key(random_probe_secret());
    SeenPairs seen(10000);
    CHECK(seen.bits() >= 10000 * 64);
    int marked_before = 0;  // a first mark that reads as seen: a false positive
    for (std::uint32_t host = 0; host < 10000; ++host) {
        const auto hash = key.tag(1, host, 80).hash;
        marked_before += seen.mark(hash) ? 1 : 0;
        CHECK(seen.mark(hash));
        CHECK(seen.contains(hash));
    }
    CHECK(marked_before < 5);
    int false_positives = 0;
    for (std::uint32_t host = 0; host < 10000; ++host) false_positives += seen.contains(key.tag(2, host, 80).hash) ? 1 : 0;
    CHECK(false_positives < 10);  // below 0.1 %, ten times the design bound
}
