// Proves the parts of `scan --passive-while-scanning` that need no network: what is kept of a
// capture (in-scope addresses, address-less DHCP joined by MAC, never the scanner's own
// frames), how a capture's statistics and a kernel drop reach the report, and that an outside
// stop ends a capture run at once without marking it interrupted.
#include <doctest/doctest.h>

#include <app/background_capture.hpp>
#include <parse/arp_packet.hpp>
#include <passive/arp_decoder.hpp>
#include <passive/capture_run.hpp>
#include <pcap_writer.hpp>

#include <unistd.h>

using namespace camaudit;
namespace fx = camaudit::fixtures;

namespace {

targets::TargetSet scope_of(std::vector<std::string> include, std::vector<std::string> exclude = {}) {
    std::vector<ReportError> errors;
    return targets::TargetSet::build({std::move(include), std::move(exclude), false},
                                     [](const std::string&, std::string& error) {
                                         error = "no names here";
                                         return std::vector<boost::asio::ip::address>{};
                                     },
                                     errors);
}

Observation heard(std::string ip, std::string mac, std::string key = "arp.mac") {
    Observation o;
    o.ip = std::move(ip);
    o.mac = std::move(mac);
    o.key = std::move(key);
    o.value = o.mac;
    o.probe = "passive:arp";
    return o;
}

net::InterfaceInfo scanner_interface() {
    net::InterfaceInfo own;
    own.name = "seg0";
    own.address = boost::asio::ip::make_address_v4("10.77.0.1");
    own.mac = {0x02, 0x77, 0, 0, 0, 1};
    return own;
}

}  // namespace

TEST_CASE("keep_in_scope keeps targets, joins address-less DHCP by MAC, drops the rest and the scanner") {
    const auto scope = scope_of({"10.77.0.0/24"}, {"10.77.0.13"});
    std::vector<Observation> observations = {
        heard("10.77.0.10", "ac:cc:8e:5a:1c:07"),                          // a target
        heard("", "ac:cc:8e:5a:1c:07", "dhcp.vendor_class"),               // its DISCOVER from 0.0.0.0
        heard("", "3c:ef:8c:5e:90:14", "dhcp.vendor_class"),               // known from the active scan
        heard("", "44:19:b6:3c:21:7e", "dhcp.vendor_class"),               // a MAC no target uses
        heard("10.77.0.13", "44:19:b6:3c:21:7e"),                          // excluded
        heard("192.0.2.7", "02:00:00:00:00:09"),                           // another network
        heard("10.77.0.1", "02:77:00:00:00:01"),                           // the scanner itself
        heard("", "02:77:00:00:00:01", "dhcp.hostname"),                   // the scanner's MAC
    };
    const std::set<std::string> known = {"3c:ef:8c:5e:90:14"};
    const auto counts = app::keep_in_scope(observations, scope, known, scanner_interface());
    CHECK(counts.out_of_scope == 3);
    CHECK(counts.own_host == 2);
    REQUIRE(observations.size() == 3);
    CHECK(observations[0].ip == "10.77.0.10");
    CHECK(observations[1].key == "dhcp.vendor_class");
    CHECK(observations[1].mac == "ac:cc:8e:5a:1c:07");
    CHECK(observations[2].mac == "3c:ef:8c:5e:90:14");
}

TEST_CASE("keep_in_scope without a known interface keeps the scanner's address when it is a target") {
    const auto scope = scope_of({"10.77.0.1"});
    std::vector<Observation> observations = {heard("10.77.0.1", "02:77:00:00:00:01"), heard("not an address", "")};
    const auto counts = app::keep_in_scope(observations, scope, {}, std::nullopt);
    CHECK(counts.out_of_scope == 1);
    CHECK(counts.own_host == 0);
    CHECK(observations.size() == 1);
}

TEST_CASE("record_capture moves statistics and errors into the report; a kernel drop is an error") {
    Report report;
    passive::CaptureResult result;
    result.source_name = "seg0";
    result.stats = {{"packets", 10}, {"kernel_received", 12}, {"kernel_dropped", 2}, {"interface_dropped", 0}};
    passive::record_capture(result, report);
    CHECK(report.scan.capture_stats.at("packets") == 10);
    CHECK(report.scan.capture_stats.at("kernel_dropped") == 2);
    REQUIRE(report.errors.size() == 1);
    CHECK(report.errors[0].target == "seg0");
    CHECK(report.errors[0].message.find("dropped 2") != std::string::npos);
    CHECK(result.stats.empty());

    passive::CaptureResult quiet;
    quiet.stats = {{"packets", 3}, {"kernel_received", 3}, {"kernel_dropped", 0}};
    Report clean;
    passive::record_capture(quiet, clean);
    CHECK(clean.errors.empty());
    CHECK(clean.scan.capture_stats.at("packets") == 3);
}

TEST_CASE("an outside stop ends a capture run before its next record, and is not an interruption") {
    const auto file = std::filesystem::temp_directory_path() / ("camaudit-stop-" + std::to_string(getpid()) + ".pcap");
    {
        fx::PcapWriter w(file, fx::LinkType::ethernet);
        for (int i = 0; i < 100; ++i) w.write(fx::arp_gratuitous("44:47:cc:01:02:03", "192.0.2.64"));
    }
    std::atomic<bool> stop{true};
    auto source = net::PcapSource::open_file(file.string());
    passive::CaptureOptions options;
    options.decoders = {&passive::arp_decoder};
    options.stop = &stop;
    options.own_signals = false;
    const auto result = passive::run_capture(source, options);
    CHECK(result.stats.at("packets") == 0);
    CHECK(result.complete);
    CHECK(result.stop_reason.empty());
    std::filesystem::remove(file);
}
