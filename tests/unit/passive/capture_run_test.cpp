// Proves a capture file made by the generator goes through PcapSource, link_frame, the flow
// table and the decoders to observations and statistics: for pcap and pcapng, several link
// types, and bad files (not a capture, cut mid-record, lying records, unknown link type).
#include <doctest/doctest.h>

#include <camaudit/error.hpp>
#include <dhcp_fixtures.hpp>
#include <passive/arp_decoder.hpp>
#include <passive/capture_run.hpp>
#include <passive/dhcp_decoder.hpp>
#include <pcap_writer.hpp>

#include <algorithm>
#include <tuple>
#include <unistd.h>

namespace fx = camaudit::fixtures;
using namespace camaudit;

namespace {

constexpr const char* hik_mac = "44:47:cc:01:02:03";  // an OUI of Hikvision's registry entries
constexpr const char* axis_mac = "ac:cc:8e:12:34:56";
constexpr const char* pc_mac = "02:00:00:00:00:01";

std::filesystem::path temp_dir() {
    const auto dir = std::filesystem::temp_directory_path() / ("camaudit-capture-run-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

passive::CaptureResult read(const std::filesystem::path& file, std::vector<const PassiveDecoder*> decoders = {&passive::arp_decoder, &passive::dhcp_decoder}) {
    auto source = net::PcapSource::open_file(file.string());
    passive::CaptureOptions options;
    options.decoders = std::move(decoders);
    options.source_name = file.string();
    return passive::run_capture(source, options);
}

const Observation* find(const passive::CaptureResult& result, std::string_view key) {
    const auto it = std::find_if(result.observations.begin(), result.observations.end(), [&](const auto& o) { return o.key == key; });
    return it == result.observations.end() ? nullptr : &*it;
}

fx::Bytes dhcp_discover_frame() {
    return fx::ethernet_ipv4_udp(axis_mac, fx::broadcast_mac, "0.0.0.0", "255.255.255.255", 68, 67,
                                 test_fixtures::dhcpv4_discover(axis_mac, "axis-accc8e123456", "AXIS,Network Camera,P3343,5.20.3"));
}

void write_lan(const std::filesystem::path& file, fx::Format format) {
    fx::PcapWriter w(file, fx::LinkType::ethernet, format);
    w.write(fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5"), fx::default_time);
    w.write(dhcp_discover_frame(), fx::default_time + 1);
    w.write(fx::ethernet_ipv4_udp(hik_mac, pc_mac, "192.0.2.64", "192.0.2.5", 5004, 5004, fx::as_bytes("RTP")), fx::default_time + 2);
}

}  // namespace

TEST_CASE("pcap and pcapng: ARP and DHCP name their senders, statistics count everything") {
    for (const auto format : {fx::Format::pcap, fx::Format::pcapng}) {
        const auto file = temp_dir() / (format == fx::Format::pcap ? "lan.pcap" : "lan.pcapng");
        write_lan(file, format);
        const auto result = read(file);
        INFO(file.string());
        CHECK(result.complete);
        CHECK(result.stats.at("packets") == 3);
        CHECK(result.stats.at("link.ethernet") == 3);
        CHECK(result.stats.at("decoded.arp") == 1);
        CHECK(result.stats.at("decoded.dhcp") == 1);
        CHECK(result.stats.at("malformed") == 0);
        const auto* arp = find(result, "arp.mac");
        REQUIRE(arp);
        CHECK(arp->ip == "192.0.2.64");
        CHECK(arp->mac == hik_mac);
        CHECK(arp->probe == "passive:arp");
        CHECK(arp->time == TimePoint(std::chrono::seconds(1'700'000'000)));
        const auto* hostname = find(result, "dhcp.hostname");
        REQUIRE(hostname);
        CHECK(hostname->value == "axis-accc8e123456");
        CHECK(hostname->mac == axis_mac);
        CHECK(hostname->ip.empty());  // DISCOVER from 0.0.0.0: the MAC names the client
        CHECK(find(result, "dhcp.vendor_class")->value == "AXIS,Network Camera,P3343,5.20.3");
    }
}

TEST_CASE("cooked SLL2, VLAN-tagged and raw-IP captures decode the same traffic") {
    const auto dir = temp_dir();
    {
        fx::PcapWriter w(dir / "sll2.pcapng", fx::LinkType::linux_sll2, fx::Format::pcapng);
        w.write(fx::sll2_frame(hik_mac, 0x0806, fx::arp_body(2, hik_mac, "192.0.2.64", pc_mac, "192.0.2.5")));
        fx::PcapWriter v(dir / "vlan.pcap", fx::LinkType::ethernet);
        const std::uint16_t tags[] = {10, 20};
        v.write(fx::vlan_frame(hik_mac, fx::broadcast_mac, tags, 0x0806, fx::arp_body(1, hik_mac, "192.0.2.64", "00:00:00:00:00:00", "192.0.2.1")));
        fx::PcapWriter r(dir / "raw.pcap", fx::LinkType::raw);
        r.write(fx::ipv4_udp("0.0.0.0", "255.255.255.255", 68, 67, test_fixtures::dhcpv4_discover(axis_mac, "axis-accc8e123456", "")));
    }
    const auto sll2 = read(dir / "sll2.pcapng");
    CHECK(sll2.stats.at("link.linux_sll2") == 1);
    REQUIRE(find(sll2, "arp.mac"));
    CHECK(find(sll2, "arp.mac")->ip == "192.0.2.64");
    const auto vlan = read(dir / "vlan.pcap");
    REQUIRE(find(vlan, "arp.kind"));
    CHECK(find(vlan, "arp.kind")->value == "request");
    const auto raw = read(dir / "raw.pcap");
    CHECK(raw.stats.at("link.raw") == 1);
    REQUIRE(find(raw, "dhcp.hostname"));
    CHECK(find(raw, "dhcp.hostname")->mac == axis_mac);
}

TEST_CASE("a device repeating itself adds its facts once, and once more when it was last heard") {
    const auto file = temp_dir() / "repeat.pcap";
    {
        fx::PcapWriter w(file, fx::LinkType::ethernet);
        for (int i = 0; i < 5000; ++i) w.write(fx::arp_gratuitous(hik_mac, "192.0.2.64"), fx::default_time + i);
    }
    const auto result = read(file);
    CHECK(result.stats.at("decoded.arp") == 5000);
    // arp.mac and arp.kind at the first packet, and a copy of the first at the last packet.
    REQUIRE(result.observations.size() == 3);
    CHECK(find(result, "arp.kind")->value == "gratuitous");
    const auto& first = result.observations.front();
    const auto& last = result.observations.back();
    CHECK(std::tie(last.key, last.value, last.ip, last.mac) == std::tie(first.key, first.value, first.ip, first.mac));
    CHECK(last.time - first.time == std::chrono::seconds(4999));
}

TEST_CASE("a capture cut mid-record keeps what was read and says so") {
    const auto file = temp_dir() / "cut.pcap";
    write_lan(file, fx::Format::pcap);
    fx::cut_file(file, 10);
    const auto result = read(file);
    CHECK(result.stats.at("truncated") == 1);
    CHECK(result.stats.at("packets") == 2);
    CHECK(find(result, "arp.mac"));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message.find("cut inside a record") != std::string::npos);
}

TEST_CASE("malformed frames are counted and skipped, a record longer than the file is a cut file") {
    const auto file = temp_dir() / "bad.pcap";
    {
        fx::PcapWriter w(file, fx::LinkType::ethernet);
        auto lying = fx::ethernet_ipv4_udp(hik_mac, pc_mac, "192.0.2.64", "192.0.2.5", 1, 2, fx::as_bytes("abc"));
        lying[16] = 0x05;  // IP total length 0x05xx
        w.write(lying);
        w.write(fx::Bytes(5, 0xee));  // shorter than an Ethernet header
        w.write(fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5"));
        const auto frame = fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5");
        w.write_record(frame, 5000, 5000);  // claims 5000 bytes, the file ends before
    }
    const auto result = read(file);
    CHECK(result.stats.at("malformed") == 2);
    CHECK(result.stats.at("decoded.arp") == 1);
    CHECK(result.stats.at("truncated") == 1);
}

TEST_CASE("a file that is not a capture, or is missing, is a usage error naming it") {
    const auto file = temp_dir() / "notes.txt";
    fx::write_file(file, fx::as_bytes("this is not a capture file at all\n"));
    CHECK_THROWS_AS(net::PcapSource::open_file(file.string()), UsageError);
    CHECK_THROWS_WITH_AS(net::PcapSource::open_file((temp_dir() / "missing.pcap").string()),
                         doctest::Contains("missing.pcap"), UsageError);
}

TEST_CASE("an unknown link type is refused with its number and name") {
    const auto file = temp_dir() / "usb.pcap";
    {
        fx::PcapWriter w(file, static_cast<fx::LinkType>(189));  // USB_LINUX
        w.write(fx::Bytes(64, 0));
    }
    auto source = net::PcapSource::open_file(file.string());
    passive::CaptureOptions options;
    CHECK_THROWS_WITH_AS(passive::run_capture(source, options), doctest::Contains("189"), UsageError);
}

namespace {
std::vector<std::string> streams_seen;
bool wants_http(const Packet& p) {
    return p.transport == Transport::tcp && p.src_port == 80;
}
bool record_stream(const Packet& p, std::vector<Observation>&) {
    streams_seen.emplace_back(p.payload.begin(), p.payload.end());
    return true;
}
const PassiveDecoder stream_recorder{"recorder", "test", {}, "tcp port 80", &wants_http, &record_stream};
}  // namespace

TEST_CASE("TCP segments reach a stream decoder joined, once per direction") {
    const auto file = temp_dir() / "http.pcap";
    {
        fx::PcapWriter w(file, fx::LinkType::ethernet);
        const auto tcp = [&](const char* src, const char* dst, std::uint16_t sp, std::uint16_t dp, std::uint32_t seq,
                             std::uint8_t flags, std::string_view data) {
            w.write(fx::ethernet_frame(hik_mac, pc_mac, 0x0800, fx::ipv4_tcp(src, dst, sp, dp, seq, flags, fx::as_bytes(data))));
        };
        tcp("192.0.2.5", "192.0.2.64", 40000, 80, 10, fx::tcp_flag::syn, "");
        tcp("192.0.2.64", "192.0.2.5", 80, 40000, 500, fx::tcp_flag::syn | fx::tcp_flag::ack, "");
        tcp("192.0.2.5", "192.0.2.64", 40000, 80, 11, fx::tcp_flag::psh | fx::tcp_flag::ack, "GET / HTTP/1.1\r\n\r\n");
        tcp("192.0.2.64", "192.0.2.5", 80, 40000, 501, fx::tcp_flag::ack, "HTTP/1.1 200 OK\r\n");
        tcp("192.0.2.64", "192.0.2.5", 80, 40000, 518, fx::tcp_flag::ack, "Server: App-webs/\r\n\r\n");
        tcp("192.0.2.64", "192.0.2.5", 80, 40000, 539, fx::tcp_flag::fin | fx::tcp_flag::ack, "");
    }
    streams_seen.clear();
    const auto result = read(file, {&stream_recorder});
    REQUIRE(streams_seen.size() == 1);
    CHECK(streams_seen[0] == "HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n");
    CHECK(result.stats.at("tcp") == 6);
    CHECK(result.stats.at("tcp.streams") == 1);
    CHECK(result.stats.at("decoded.recorder") == 1);
}

TEST_CASE("the live filter is the 'or' of the decoders' fragments, VLAN included") {
    const std::vector<const PassiveDecoder*> decoders = {&passive::arp_decoder, &passive::dhcp_decoder};
    const auto filter = passive::capture_filter(decoders);
    CHECK(filter.starts_with("(arp) or (udp and (port 67 or port 68 or port 546 or port 547))"));
    CHECK(filter.find("vlan and") != std::string::npos);
}

TEST_CASE("a record longer than any snap length stops the file with a clear error") {
    const auto file = temp_dir() / "huge.pcap";
    {
        fx::PcapWriter w(file, fx::LinkType::ethernet);
        w.write(fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5"));
        w.write_record(fx::Bytes(64, 0), 300000, 300000);
        w.write(fx::Bytes(300000, 0));
    }
    const auto result = read(file);
    CHECK(result.stats.at("packets") == 1);
    CHECK(result.stats.at("truncated") == 1);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message.find("300000") != std::string::npos);
}
