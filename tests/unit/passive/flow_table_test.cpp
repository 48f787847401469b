// Proves the TCP flow table hands each direction's first bytes over once, in order, when the
// direction ends (FIN, RST, cap, idle, end of capture), drops what comes after a hole, keeps
// only a small entry for unwanted or finished directions, and stays within its limits.
#include <doctest/doctest.h>

#include <passive/flow_table.hpp>

#include <string>

using namespace camaudit;
using passive::FlowLimits;
using passive::FlowTable;

namespace {

constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, ack = 0x10;

Packet segment(std::uint8_t last_octet, std::uint16_t src_port, std::uint16_t dst_port, const std::string& data,
               int second = 0) {
    static thread_local std::string storage[64];
    static thread_local int next = 0;
    std::string& kept = storage[next++ % 64];
    kept = data;
    Packet p;
    p.transport = Transport::tcp;
    p.src_ip.bytes = {192, 0, 2, last_octet};
    p.src_ip.empty = false;
    p.dst_ip.bytes = {192, 0, 2, 10};
    p.dst_ip.empty = false;
    p.src_port = src_port;
    p.dst_port = dst_port;
    p.time = TimePoint(std::chrono::seconds(1'700'000'000 + second));
    p.payload = {reinterpret_cast<const std::uint8_t*>(kept.data()), kept.size()};
    return p;
}

struct Recorder {
    std::vector<std::string> streams;
    bool want = true;
    FlowTable table(FlowLimits limits = {}) {
        return FlowTable(limits,
                         [this](const Packet& s) { streams.emplace_back(s.payload.begin(), s.payload.end()); },
                         [this](const Packet&) { return want; });
    }
};

}  // namespace

TEST_CASE("segments in order are joined and delivered once at FIN") {
    Recorder r;
    auto table = r.table();
    table.add(segment(64, 80, 5000, ""), 99, syn | ack);
    table.add(segment(64, 80, 5000, "HTTP/1.1 200 OK\r\n"), 100, ack);
    table.add(segment(64, 80, 5000, "Server: App-webs/\r\n"), 117, ack);
    CHECK(r.streams.empty());
    table.add(segment(64, 80, 5000, ""), 136, fin | ack);
    REQUIRE(r.streams.size() == 1);
    CHECK(r.streams[0] == "HTTP/1.1 200 OK\r\nServer: App-webs/\r\n");
    table.add(segment(64, 80, 5000, "late"), 136, ack);
    table.flush();
    CHECK(r.streams.size() == 1);
}

TEST_CASE("retransmissions and overlaps add only new bytes, a hole stops the stream") {
    Recorder r;
    auto table = r.table();
    table.add(segment(64, 554, 5000, "RTSP/1.0 "), 1, ack);
    table.add(segment(64, 554, 5000, "RTSP/1.0 200"), 1, ack);      // overlaps: adds "200"
    table.add(segment(64, 554, 5000, " OK\r\n"), 13, ack);
    table.add(segment(64, 554, 5000, "lost after hole"), 100, ack);
    table.flush();
    REQUIRE(r.streams.size() == 1);
    CHECK(r.streams[0] == "RTSP/1.0 200 OK\r\n");
    CHECK(table.stats().gaps == 1);
}

TEST_CASE("the per-direction cap delivers early and frees the bytes") {
    Recorder r;
    FlowLimits limits;
    limits.bytes_per_direction = 10;
    auto table = r.table(limits);
    table.add(segment(64, 80, 5000, "0123456"), 1, ack);
    table.add(segment(64, 80, 5000, "789abcdef"), 8, ack);
    REQUIRE(r.streams.size() == 1);
    CHECK(r.streams[0] == "0123456789");
    CHECK(table.buffered_bytes() == 0);
}

TEST_CASE("RST ends both directions, sequence numbers wrap") {
    Recorder r;
    auto table = r.table();
    table.add(segment(64, 80, 5000, "from camera"), 0xfffffffa, ack);
    table.add(segment(64, 80, 5000, " wraps"), 0xfffffffa + 11, ack);
    Packet back = segment(64, 5000, 80, "");
    std::swap(back.src_ip, back.dst_ip);
    table.add(back, 7, rst);
    REQUIRE(r.streams.size() == 1);
    CHECK(r.streams[0] == "from camera wraps");
}

TEST_CASE("idle directions are delivered by expire, end of capture delivers the rest") {
    Recorder r;
    auto table = r.table();
    table.add(segment(64, 80, 5000, "old", 0), 1, ack);
    table.add(segment(65, 80, 5000, "new", 100), 1, ack);
    table.expire(TimePoint(std::chrono::seconds(1'700'000'000 + 90)));
    REQUIRE(r.streams.size() == 1);
    CHECK(r.streams[0] == "old");
    table.flush();
    CHECK(r.streams.size() == 2);
    CHECK(table.tracked() == 0);
}

TEST_CASE("unwanted directions keep no bytes") {
    Recorder r;
    r.want = false;
    auto table = r.table();
    table.add(segment(64, 9000, 5000, std::string(1000, 'v')), 1, ack);
    table.add(segment(64, 9000, 5000, std::string(1000, 'v')), 1001, ack);
    CHECK(table.buffered_bytes() == 0);
    CHECK(table.stats().ignored == 1);
    table.flush();
    CHECK(r.streams.empty());
}

TEST_CASE("limits: the oldest flows are evicted (and delivered), memory stays bounded") {
    Recorder r;
    FlowLimits limits;
    limits.max_flows = 100;
    limits.max_buffered_bytes = 1000;
    auto table = r.table(limits);
    for (int i = 0; i < 5000; ++i)
        table.add(segment(static_cast<std::uint8_t>(i % 250), static_cast<std::uint16_t>(1000 + i), 80, "0123456789"), 1, ack);
    CHECK(table.tracked() <= 100);
    CHECK(table.buffered_bytes() <= 1000);
    CHECK(table.stats().evicted > 0);
    table.flush();
    CHECK(r.streams.size() == 5000);
}
