// Proves the memory-mapped classic pcap reader (net/pcap_source.cpp) handles every variant of
// the file header: either byte order (a file written on a big-endian machine) and microsecond
// or nanosecond timestamps, giving the same records, the exact times and the same decoded
// facts (a Hikvision MAC from ARP, an Axis vendor class from DHCP).
#include <doctest/doctest.h>

#include <dhcp_fixtures.hpp>
#include <passive/arp_decoder.hpp>
#include <passive/capture_run.hpp>
#include <passive/dhcp_decoder.hpp>
#include <pcap_writer.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <unistd.h>

namespace fx = camaudit::fixtures;
using namespace camaudit;

namespace {

constexpr const char* hik_mac = "44:47:cc:01:02:03";
constexpr const char* axis_mac = "ac:cc:8e:12:34:56";
constexpr const char* pc_mac = "02:00:00:00:00:01";
constexpr std::uint32_t seconds = 1'700'000'000;
constexpr std::uint32_t nanos = 123'456'789;

std::filesystem::path variant_file(const fx::ClassicPcap& variant) {
    const auto dir = std::filesystem::temp_directory_path() / ("camaudit-pcap-variants-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / fmt::format("{}-{}.pcap", variant.big_endian ? "be" : "le", variant.nanoseconds ? "ns" : "us");
    fx::PcapWriter w(file, fx::LinkType::ethernet, fx::Format::pcap, 262144, variant);
    w.write_at(fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5"), seconds, nanos);
    w.write_at(fx::ethernet_ipv4_udp(axis_mac, fx::broadcast_mac, "0.0.0.0", "255.255.255.255", 68, 67,
                                     test_fixtures::dhcpv4_discover(axis_mac, "axis-accc8e123456", "AXIS,Network Camera,P3343,5.20.3")),
               seconds + 1, nanos);
    return file;
}

// What the file holds at the resolution it keeps: nanoseconds, or microseconds cut down.
TimePoint expected_time(const fx::ClassicPcap& variant, std::uint32_t at) {
    const auto fraction = variant.nanoseconds ? std::chrono::nanoseconds(nanos) : std::chrono::nanoseconds(nanos / 1000 * 1000);
    return TimePoint(std::chrono::seconds(at)) + std::chrono::duration_cast<TimePoint::duration>(fraction);
}

const Observation* find(const passive::CaptureResult& result, std::string_view key) {
    const auto it = std::find_if(result.observations.begin(), result.observations.end(), [&](const auto& o) { return o.key == key; });
    return it == result.observations.end() ? nullptr : &*it;
}

const fx::ClassicPcap variants[] = {{false, false}, {false, true}, {true, false}, {true, true}};

}  // namespace

TEST_CASE("classic pcap in either byte order, with micro- or nanosecond times: same records, exact times") {
    for (const auto& variant : variants) {
        INFO("big endian " << variant.big_endian << ", nanoseconds " << variant.nanoseconds);
        auto source = net::PcapSource::open_file(variant_file(variant).string());
        CHECK(source.link_type() == 1);
        net::PcapRecord record;
        REQUIRE(source.next(record) == net::NextStatus::record);
        CHECK(record.bytes.size() == 42);
        CHECK(record.wire_length == 42);
        CHECK(record.time == expected_time(variant, seconds));
        REQUIRE(source.next(record) == net::NextStatus::record);
        CHECK(record.time == expected_time(variant, seconds + 1));
        CHECK(source.next(record) == net::NextStatus::end);
    }
}

TEST_CASE("classic pcap variants decode to the same facts, stamped with the record's time") {
    for (const auto& variant : variants) {
        INFO("big endian " << variant.big_endian << ", nanoseconds " << variant.nanoseconds);
        auto source = net::PcapSource::open_file(variant_file(variant).string());
        passive::CaptureOptions options;
        options.decoders = {&passive::arp_decoder, &passive::dhcp_decoder};
        const auto result = passive::run_capture(source, options);
        CHECK(result.stats.at("packets") == 2);
        CHECK(result.stats.at("malformed") == 0);
        const auto* arp = find(result, "arp.mac");
        REQUIRE(arp != nullptr);
        CHECK(arp->ip == "192.0.2.64");
        CHECK(arp->mac == hik_mac);
        CHECK(arp->time == expected_time(variant, seconds));
        const auto* vendor = find(result, "dhcp.vendor_class");
        REQUIRE(vendor != nullptr);
        CHECK(vendor->value == "AXIS,Network Camera,P3343,5.20.3");
        CHECK(vendor->mac == axis_mac);
        CHECK(vendor->time == expected_time(variant, seconds + 1));
    }
}
