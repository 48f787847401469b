// Proves layer 2 on a real Ethernet segment made of network namespaces (tests/lab/segment):
// `scan --arp` names devices whose TCP ports are all closed from their vendor MACs alone,
// `discover --interface` hears WS-Discovery, SADP and DHIP answers to multicast probes and
// names devices known only by mDNS through its query to 224.0.0.251,
// `passive --interface` names them from the ARP and Hello they send, `scan --discover`
// merges it all per device, and without CAP_NET_RAW `scan --arp` exits 3 with the
// setcap/sudo hint. Needs root.
#include "chosen_segment.hpp"
#include "lab_report.hpp"

#include <lab/lab.hpp>
#include <lab/segment.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using camaudit::lab::Segment;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::device_at;
using camaudit::testing::has_evidence_from;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

// Hikvision (SADP only), Dahua (DHIP only), Axis (ONVIF/WSD), an ONVIF Hikvision; no TCP
// listener runs on the segment, so every TCP port of every device is closed.
const std::vector<std::string> segment_ids = {"udp-only-hik-sadp-ds2cd2143g0-i", "udp-only-dahua-dhip-ipc-hdbw2431e",
                                              "axis-m1065lw-fw9", "hik-ipc-ds2cd2032-i-v545"};

camaudit::testing::ChosenSegment& segment_lab() {
    static auto lab = [] {
        auto made = camaudit::testing::chosen_segment(CAMAUDIT_SOURCE_LAB_DIR, segment_ids);
        made.segment->start_udp_responders();
        return made;
    }();
    return lab;
}

std::string in_scanner_ns(const std::string& command) {
    return "ip netns exec " + segment_lab().segment->scanner_netns() + " " + command;
}

const camaudit::lab::SegmentDevice& device_named(const std::string& id) { return segment_lab().device(id); }

// A report folder the account the scan drops to ("nobody") may write.
std::filesystem::path open_report_dir(const std::string& name) {
    const auto dir = fresh_temp_dir(name);
    chmod(dir.c_str(), 0777);
    return dir;
}

// Makes every device's own kernel ARP for the scanner's address: the neighbour cache is
// flushed first, then one UDP datagram to 10.77.0.1 needs the scanner's MAC.
void make_devices_arp() {
    auto& segment = *segment_lab().segment;
    for (const auto& device : segment.devices()) {
        REQUIRE(Segment::run_in(device.netns, "ip neigh flush all") == 0);
        segment.inside(device.netns, [] {
            const int fd = socket(AF_INET, SOCK_DGRAM, 0);
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_port = htons(9);
            inet_pton(AF_INET, Segment::scanner_address, &to.sin_addr);
            sendto(fd, "x", 1, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
            close(fd);
        });
    }
}

// A WS-Discovery Hello as an ONVIF device multicasts it when it joins, from its scopes.
std::string wsd_hello(const camaudit::lab::SegmentDevice& device) {
    std::string scopes;
    for (const auto& scope : device.profile->data["onvif"]["scopes"]) scopes += (scopes.empty() ? "" : " ") + scope.get<std::string>();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
           "<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action>"
           "<a:MessageID>urn:uuid:6b7f1c2e-0000-4000-8000-000000000001</a:MessageID></s:Header><s:Body><d:Hello>"
           "<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>" + scopes + "</d:Scopes><d:XAddrs>http://" +
           device.address.to_string() + "/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>"
           "</d:Hello></s:Body></s:Envelope>";
}

// Multicasts the device's Hello on its eth0, as the device itself would.
void send_hello(const camaudit::lab::SegmentDevice& device) {
    segment_lab().segment->inside(device.netns, [&] {
        const int fd = socket(AF_INET, SOCK_DGRAM, 0);
        in_addr own{};
        inet_pton(AF_INET, device.address.to_string().c_str(), &own);
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &own, sizeof own);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(3702);
        inet_pton(AF_INET, "239.255.255.250", &to.sin_addr);
        const auto hello = wsd_hello(device);
        sendto(fd, hello.data(), hello.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
        close(fd);
    });
}

// Devices whose only clue is their mDNS answer: no vendor MAC (the segment gives them a
// locally administered one), no other UDP or TCP service. Their responders join 224.0.0.251
// only, so an answer proves the query went to the mDNS group.
std::vector<camaudit::lab::Profile> mdns_only_profiles() {
    using ordered = nlohmann::ordered_json;
    auto profile = [](std::string id, ordered service) {
        camaudit::lab::Profile made{std::move(id), {}, {}};
        made.data["id"] = made.id;
        made.data["mdns"]["services"] = ordered::array({std::move(service)});
        return made;
    };
    return {profile("mdns-only-axis-p3245", {{"type", "_axis-video._tcp.local"}, {"instance", "AXIS P3245-LVE - ACCC8E7B2C10"},
                                             {"port", 80}, {"host", "axis-accc8e7b2c10.local"},
                                             {"txt", ordered::array({"macaddress=ACCC8E7B2C10"})}}),
            profile("mdns-only-hikvision", {{"type", "_CGI._tcp.local"}, {"instance", "HIKVISION DS-2CD2143G2-I - 512345678"},
                                            {"port", 80}, {"host", "DS-2CD2143G2-I20230101AAWRJ512345678.local"},
                                            {"txt", ordered::array({"path=/"})}})};
}

bool has_evidence_value(const json& device, const std::string& source, const std::string& part) {
    for (const auto& e : device.at("evidence"))
        if (e.value("source", "") == source && e.value("value", "").find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("scan --arp names devices with every TCP port closed from their vendor MAC") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const auto dir = open_report_dir("l2-arp");
    const auto out = dir / "arp.json";
    const auto result = run_command(in_scanner_ns(std::string(CAMAUDIT_BIN) + " scan " + Segment::subnet +
                                                  " --arp --interface seg0 --ports 80,554 --timeout 300 --probes http --fail-on review --out " +
                                                  out.string()));
    INFO(result.err);
    CHECK(result.exit_code == 1);  // Hikvision and Dahua are covered vendors: review on the OUI alone
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("hosts_up") == segment_ids.size());
    CHECK(report.at("scan").at("options").at("privileges").get<std::string>().find("nobody") != std::string::npos);
    const std::map<std::string, std::string> vendor_of = {{"udp-only-hik-sadp-ds2cd2143g0-i", "Hikvision"},
                                                          {"udp-only-dahua-dhip-ipc-hdbw2431e", "Dahua"},
                                                          {"axis-m1065lw-fw9", "Axis"},
                                                          {"hik-ipc-ds2cd2032-i-v545", "Hikvision"}};
    for (const auto& [id, vendor] : vendor_of) {
        const auto& placed = device_named(id);
        INFO(id << " at " << placed.address.to_string() << " mac " << placed.mac);
        const json* device = device_at(report, placed.address.to_string());
        REQUIRE(device != nullptr);
        CHECK(device->at("mac") == placed.mac);
        CHECK(device->at("vendor").get<std::string>().find(vendor) != std::string::npos);
        CHECK(device->at("open_ports").empty());
        CHECK(has_evidence_from(*device, "arp"));
        const auto status = device->at("compliance").at("status").get<std::string>();
        if (vendor != "Axis") CHECK((status == "prohibited" || status == "review"));
        else CHECK(status != "prohibited");
    }
}

TEST_CASE("discover --interface hears WS-Discovery, SADP and DHIP answers on the segment") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const auto dir = open_report_dir("l2-discover");
    const auto out = dir / "discover.json";
    const auto result = run_command(in_scanner_ns(std::string(CAMAUDIT_BIN) + " discover --interface seg0 --duration 2s --out " +
                                                  out.string()));
    INFO(result.err);
    CHECK(result.exit_code == 1);
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("mode") == "discover");
    // Provenance: the interface named, and the address the probes went out from.
    CHECK(report.at("provenance").at("interfaces") == json::array({"seg0"}));
    CHECK(report.at("provenance").at("source_addresses") == json::array({Segment::scanner_address}));
    const std::map<std::string, std::string> heard_by = {{"udp-only-hik-sadp-ds2cd2143g0-i", "sadp"},
                                                         {"udp-only-dahua-dhip-ipc-hdbw2431e", "dhip"},
                                                         {"axis-m1065lw-fw9", "wsd"}};
    for (const auto& [id, probe] : heard_by) {
        const auto& placed = device_named(id);
        INFO(id << " via " << probe);
        const json* device = device_at(report, placed.address.to_string());
        REQUIRE(device != nullptr);
        CHECK(has_evidence_from(*device, probe));
    }
    const auto* hik = device_at(report, device_named("udp-only-hik-sadp-ds2cd2143g0-i").address.to_string());
    REQUIRE(hik != nullptr);
    CHECK(hik->at("vendor").get<std::string>().find("Hikvision") != std::string::npos);
    CHECK(hik->at("compliance").at("status") == "prohibited");
}

TEST_CASE("scan --arp without CAP_NET_RAW exits 3 and says how to grant it") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const auto result = run_command(in_scanner_ns("setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all " +
                                                  std::string(CAMAUDIT_BIN) + " scan " + Segment::subnet +
                                                  " --arp --interface seg0 --ports 80 --out -"));
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("CAP_NET_RAW") != std::string::npos);
    CHECK(result.err.find("setcap cap_net_raw+ep") != std::string::npos);
    CHECK(result.out.empty());
}

TEST_CASE("passive --interface names the segment's devices from the ARP and WS-Discovery Hello they send") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const auto dir = open_report_dir("l2-passive");
    const auto out = dir / "passive.json";
    segment_lab();  // the segment exists before the capture starts
    auto capture = std::async(std::launch::async, [&] {
        return run_command(in_scanner_ns(std::string(CAMAUDIT_BIN) + " passive --interface seg0 --duration 4s --out " +
                                         out.string()));
    });
    // The devices speak every half second for the whole capture, so a capture that opens its
    // handle late on a loaded machine still hears them (a fixed sleep made this test flaky).
    while (capture.wait_for(std::chrono::milliseconds(500)) != std::future_status::ready) {
        make_devices_arp();
        send_hello(device_named("axis-m1065lw-fw9"));
    }
    const auto result = capture.get();
    INFO(result.err);
    CHECK(result.exit_code == 0);  // OUI alone: review, not prohibited
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("mode") == "passive");
    for (const auto& device : segment_lab().segment->devices()) {
        INFO(device.id << " at " << device.address.to_string());
        const json* found = device_at(report, device.address.to_string());
        REQUIRE(found != nullptr);
        CHECK(found->at("mac") == device.mac);
        const auto& vendor = found->at("vendor").get<std::string>();
        CHECK(vendor.find(device.id.find("dahua") != std::string::npos ? "Dahua"
                          : device.id.find("axis") != std::string::npos ? "Axis" : "Hikvision") != std::string::npos);
    }
    const json* axis = device_at(report, device_named("axis-m1065lw-fw9").address.to_string());
    REQUIRE(axis != nullptr);
    bool hello_heard = false;
    for (const auto& e : axis->at("evidence"))
        hello_heard = hello_heard || e.value("value", "").find("M1065-LW") != std::string::npos;
    CHECK(hello_heard);  // the model came from the WS-Discovery Hello's scopes
    CHECK(axis->at("model").get<std::string>().find("M1065") != std::string::npos);
}

TEST_CASE("scan --arp --discover merges ARP, multicast answers and the active scan per device") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const auto dir = open_report_dir("l2-scan-discover");
    const auto out = dir / "merged.json";
    const auto result = run_command(in_scanner_ns(std::string(CAMAUDIT_BIN) + " scan " + Segment::subnet +
                                                  " --arp --discover seg0 --ports 80 --timeout 300 --out " + out.string()));
    INFO(result.err);
    CHECK(result.exit_code == 1);  // the SADP answer makes the Hikvision prohibited
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("options").at("discover_interface") == "seg0");
    CHECK(report.at("provenance").at("interfaces") == json::array({"seg0"}));
    CHECK(report.at("provenance").at("source_addresses") == json::array({Segment::scanner_address}));
    const auto& hik = device_named("udp-only-hik-sadp-ds2cd2143g0-i");
    const json* device = device_at(report, hik.address.to_string());
    REQUIRE(device != nullptr);
    CHECK(device->at("mac") == hik.mac);
    CHECK(has_evidence_from(*device, "arp"));
    CHECK(has_evidence_from(*device, "sadp"));
    CHECK(device->at("compliance").at("status") == "prohibited");
    const json* axis = device_at(report, device_named("axis-m1065lw-fw9").address.to_string());
    REQUIRE(axis != nullptr);
    CHECK(has_evidence_from(*axis, "mdns"));  // --discover sends the mDNS query to 224.0.0.251 too
    CHECK(report.at("devices").size() == segment_ids.size());  // one device per host, not one per source
}

TEST_CASE("discover --interface names devices known only by mDNS through its query to 224.0.0.251") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    const auto profiles = mdns_only_profiles();
    std::vector<const camaudit::lab::Profile*> chosen;
    for (const auto& profile : profiles) chosen.push_back(&profile);
    Segment segment(chosen);  // a segment of its own: these devices have no vendor MAC for the ARP tests
    segment.start_udp_responders();
    const auto dir = open_report_dir("l2-discover-mdns");
    const auto out = dir / "mdns.json";
    const auto result = run_command("ip netns exec " + segment.scanner_netns() + " " + std::string(CAMAUDIT_BIN) +
                                    " discover --interface seg0 --duration 2s --out " + out.string());
    INFO(result.err);
    CHECK(result.exit_code == 1);  // the Hikvision instance is a covered vendor
    const auto report = json::parse(read_file(out));
    CHECK(report.at("devices").size() == 2);
    const auto& placed_axis = segment.devices().at(0);
    const json* axis = device_at(report, placed_axis.address.to_string());
    REQUIRE(axis != nullptr);
    CHECK(axis->at("vendor") == "Axis");
    CHECK(axis->at("model") == "P3245-LVE");
    CHECK(has_evidence_from(*axis, "mdns"));
    CHECK(has_evidence_value(*axis, "mdns", "macaddress=ACCC8E7B2C10"));  // TXT from the Additional section
    const json* hik = device_at(report, segment.devices().at(1).address.to_string());
    REQUIRE(hik != nullptr);
    CHECK(hik->at("vendor") == "Hikvision");
    CHECK(has_evidence_value(*hik, "mdns", "DS-2CD2143G2-I20230101AAWRJ512345678.local"));  // the SRV host
    CHECK(hik->at("compliance").at("status") == "prohibited");
    bool udp_5353 = false;
    for (const auto& port : hik->at("open_ports")) udp_5353 = udp_5353 || (port.at("port") == 5353 && port.at("proto") == "udp");
    CHECK(udp_5353);

    // Only mDNS asked: the same devices, and no other probe was sent.
    const auto only = run_command("ip netns exec " + segment.scanner_netns() + " " + std::string(CAMAUDIT_BIN) +
                                  " discover --interface seg0 --probes mdns --duration 1s --quiet --out -");
    CHECK(only.exit_code == 1);
    const auto alone = json::parse(only.out);
    CHECK(alone.at("scan").at("options").at("datagrams_sent") == "1");
    CHECK(alone.at("devices").size() == 2);
}
