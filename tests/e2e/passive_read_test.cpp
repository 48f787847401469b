// Proves `camaudit passive` as a user runs it: a generated capture read with --read names the
// devices (Hikvision from an ARP reply's OUI, Axis from a DHCP DISCOVER), prints and reports
// capture statistics; bad files give a clear error or a report that says it was cut; the
// flags refuse to run without exactly one source; a live capture in a private network
// namespace writes a report with the kernel's counters.
#include "command.hpp"

#include <dhcp_fixtures.hpp>
#include <pcap_writer.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace fx = camaudit::fixtures;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;

namespace {

const std::string camaudit_bin = CAMAUDIT_BIN;
constexpr const char* hik_mac = "44:47:cc:01:02:03";   // IEEE MA-L 4447CC: Hikvision
constexpr const char* axis_mac = "ac:cc:8e:12:34:56";  // IEEE MA-L ACCC8E: Axis
constexpr const char* pc_mac = "02:00:00:00:00:01";

void write_lan(const std::filesystem::path& file, fx::Format format = fx::Format::pcapng) {
    fx::PcapWriter w(file, fx::LinkType::ethernet, format);
    w.write(fx::arp_request(pc_mac, "192.0.2.5", "192.0.2.64"), fx::default_time);
    w.write(fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5"), fx::default_time + 0.001);
    w.write(fx::ethernet_ipv4_udp(axis_mac, fx::broadcast_mac, "0.0.0.0", "255.255.255.255", 68, 67,
                                  camaudit::test_fixtures::dhcpv4_discover(axis_mac, "axis-accc8e123456",
                                                                           "AXIS,Network Camera,P3343,5.20.3")),
            fx::default_time + 1);
    for (int i = 0; i < 100; ++i)  // video: heard, decoded by nobody
        w.write(fx::ethernet_ipv4_udp(hik_mac, pc_mac, "192.0.2.64", "192.0.2.5", 5004, 5004, fx::Bytes(1200, 0x80)),
                fx::default_time + 2 + i * 0.01);
}

const nlohmann::json* device_with(const nlohmann::json& report, const std::string& field, const std::string& value) {
    for (const auto& device : report.at("devices"))
        if (device.value(field, std::string()) == value) return &device;
    return nullptr;
}

}  // namespace

TEST_CASE("passive --read names the devices from ARP and DHCP and reports capture stats") {
    const auto dir = fresh_temp_dir("passive-read");
    write_lan(dir / "lan.pcapng");
    const auto result = run_command(camaudit_bin + " passive --read " + (dir / "lan.pcapng").string() +
                                    " --format json --out - --no-progress");
    INFO(result.err);
    CHECK(result.exit_code == 0);  // an OUI alone is weak evidence: review, not prohibited
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report.at("scan").at("mode") == "passive");
    CHECK(report.at("scan").at("complete") == true);
    const auto& stats = report.at("scan").at("capture_stats");
    CHECK(stats.at("packets") == 103);
    CHECK(stats.at("decoded.arp") == 2);
    CHECK(stats.at("decoded.dhcp") == 1);
    CHECK(stats.at("link.ethernet") == 103);
    CHECK(stats.at("malformed") == 0);

    const auto* hik = device_with(report, "ip", "192.0.2.64");
    REQUIRE(hik);
    CHECK(hik->at("mac") == hik_mac);
    CHECK(hik->at("vendor") == "Hikvision");
    CHECK(hik->at("compliance").at("status") == "review");
    const auto* axis = device_with(report, "mac", axis_mac);
    REQUIRE(axis);
    CHECK(axis->at("vendor") == "Axis");
    CHECK(axis->at("model") == "P3343");
    CHECK(axis->at("firmware") == "5.20.3");
    CHECK(axis->at("hostname") == "axis-accc8e123456");
    CHECK(result.err.find("camaudit: capture: 103 packets, 0 malformed") != std::string::npos);
}

TEST_CASE("passive --read of a file that is not a capture is a clear usage error") {
    const auto dir = fresh_temp_dir("passive-notpcap");
    fx::write_file(dir / "notes.pcap", fx::as_bytes("GET / HTTP/1.1\r\nHost: camera\r\n\r\n"));
    const auto result = run_command(camaudit_bin + " passive --read " + (dir / "notes.pcap").string() + " --out " +
                                    (dir / "r.json").string());
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("is not a readable pcap or pcapng capture file") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "r.json"));
}

TEST_CASE("passive --read of a capture cut mid-record writes the report and says it was cut") {
    const auto dir = fresh_temp_dir("passive-cut");
    {
        fx::PcapWriter w(dir / "cut.pcap", fx::LinkType::ethernet);
        w.write(fx::arp_reply(hik_mac, "192.0.2.64", pc_mac, "192.0.2.5"));
        w.write(fx::arp_reply(axis_mac, "192.0.2.65", pc_mac, "192.0.2.5"));
    }
    fx::cut_file(dir / "cut.pcap", 20);
    const auto result = run_command(camaudit_bin + " passive --read " + (dir / "cut.pcap").string() + " --out " +
                                    (dir / "r.json").string() + " --no-progress");
    CHECK(result.exit_code == 0);
    const auto report = nlohmann::json::parse(read_file(dir / "r.json"));
    CHECK(report.at("scan").at("capture_stats").at("truncated") == 1);
    CHECK(report.at("scan").at("capture_stats").at("packets") == 1);
    REQUIRE(report.at("errors").size() == 1);
    CHECK(report.at("errors")[0].at("message").get<std::string>().find("cut inside a record") != std::string::npos);
    CHECK(device_with(report, "ip", "192.0.2.64"));
    CHECK(result.err.find("file cut short") != std::string::npos);
}

TEST_CASE("passive needs exactly one of --read and --interface") {
    const auto none = run_command(camaudit_bin + " passive --out -");
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("exactly one of --read FILE or --interface IF") != std::string::npos);
    const auto both = run_command(camaudit_bin + " passive --read x.pcap --interface lo --out -");
    CHECK(both.exit_code == 2);
    CHECK(run_command(camaudit_bin + " passive --read x.pcap --decoders arp,nosuch --out -").exit_code == 2);
    const auto help = run_command(camaudit_bin + " passive --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("setcap cap_net_raw,cap_net_admin+eip") != std::string::npos);
}

TEST_CASE("passive --interface captures live in a private namespace until --duration") {
    if (geteuid() != 0) return;  // needs root for unshare and CAP_NET_RAW
    const auto dir = fresh_temp_dir("passive-live");
    // lo in a new network namespace: the only traffic is what this test sends there.
    const std::string script =
        "ip link set lo up; " + camaudit_bin + " passive --interface lo --duration 6s --user root --filter udp --out " +
        (dir / "live.json").string() + " --no-progress & "
        "for i in $(seq 20); do sleep 0.2; echo hello > /dev/udp/127.0.0.1/68; done; wait $!";
    const auto result = run_command("unshare -n bash -c '" + script + "'");
    INFO(result.err);
    CHECK(result.exit_code == 0);
    const auto report = nlohmann::json::parse(read_file(dir / "live.json"));
    const auto& stats = report.at("scan").at("capture_stats");
    CHECK(stats.at("packets") >= 3);
    CHECK(stats.contains("kernel_dropped"));
    CHECK(stats.at("link.ethernet") >= 3);
    CHECK(report.at("scan").at("complete") == true);
    CHECK(report.at("scan").at("options").at("interface") == "lo");
}

TEST_CASE("passive --interface without CAP_NET_RAW fails with exit 3 and says how to grant it") {
    if (geteuid() != 0 || std::system("command -v setpriv >/dev/null") != 0) return;
    const auto result = run_command("unshare -n setpriv --inh-caps=-all --bounding-set=-net_raw,-net_admin " + camaudit_bin +
                                    " passive --interface lo --duration 1s --out -");
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("no permission to capture on lo") != std::string::npos);
    CHECK(result.err.find("setcap cap_net_raw,cap_net_admin+eip") != std::string::npos);
    CHECK(result.out.empty());
}

TEST_CASE("passive --interface stopped by SIGINT still writes its report, marked incomplete") {
    if (geteuid() != 0) return;
    const auto dir = fresh_temp_dir("passive-sigint");
    const std::string script = "ip link set lo up; " + camaudit_bin + " passive --interface lo --duration 60s --user root --out " +
                               (dir / "live.json").string() + " --no-progress & pid=$!; sleep 3; kill -INT $pid; wait $pid";
    const auto result = run_command("unshare -n bash -c '" + script + "'");
    INFO(result.err);
    CHECK(result.exit_code == 4);  // incomplete, nothing prohibited heard: never 0
    const auto report = nlohmann::json::parse(read_file(dir / "live.json"));
    CHECK(report.at("scan").at("complete") == false);
    CHECK(report.at("scan").at("options").at("stopped") == "interrupted (SIGINT)");
}

TEST_CASE("passive --read --filter keeps only the matching packets, a bad filter is a usage error") {
    const auto dir = fresh_temp_dir("passive-filter");
    write_lan(dir / "lan.pcapng");
    write_lan(dir / "lan.pcap", fx::Format::pcap);  // classic pcap: read through libpcap once filtered
    for (const char* name : {"lan.pcapng", "lan.pcap"}) {
        const auto result = run_command(camaudit_bin + " passive --read " + (dir / name).string() +
                                        " --filter arp --out - --no-progress");
        const auto report = nlohmann::json::parse(result.out);
        CHECK(report.at("scan").at("capture_stats").at("packets") == 2);
        CHECK(report.at("scan").at("options").at("filter") == "arp");
    }
    const auto bad = run_command(camaudit_bin + " passive --read " + (dir / "lan.pcapng").string() + " --filter 'port port' --out -");
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("does not compile") != std::string::npos);
}

TEST_CASE("passive --read: a device heard again later spans first_seen to last_seen, one evidence line per fact") {
    const auto dir = fresh_temp_dir("passive-last-seen");
    {
        fx::PcapWriter w(dir / "repeat.pcapng", fx::LinkType::ethernet, fx::Format::pcapng);
        // The same gratuitous ARP every ten minutes for an hour: one fact, heard seven times.
        for (int i = 0; i <= 6; ++i) w.write(fx::arp_gratuitous(hik_mac, "192.0.2.64"), fx::default_time + i * 600.0);
    }
    const auto result = run_command(camaudit_bin + " passive --read " + (dir / "repeat.pcapng").string() +
                                    " --format json --out - --no-progress");
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    const auto* hik = device_with(report, "ip", "192.0.2.64");
    REQUIRE(hik != nullptr);
    CHECK(hik->at("first_seen") == "2023-11-14T22:13:20Z");  // default_time
    CHECK(hik->at("last_seen") == "2023-11-14T23:13:20Z");   // an hour later
    std::map<std::string, int> lines;
    for (const auto& evidence : hik->at("evidence"))
        ++lines[evidence.at("field").get<std::string>() + "=" + evidence.at("value").get<std::string>()];
    for (const auto& [line, count] : lines) CHECK_MESSAGE(count == 1, line);
}
