// Proves `scan --passive-while-scanning IF` on a real Ethernet segment (tests/lab/segment):
// devices whose TCP ports are all closed and that answer no probe, but send a DHCP DISCOVER,
// a WS-Discovery Hello or plain ARP while the scan runs, are named from that traffic; the same
// scan without the option does not name them; a device outside the targets that speaks is left
// out; and SIGINT during `scan --arp` or the active scan gives a written report marked
// incomplete within seconds, with what the capture heard until then. Needs root.
#include "chosen_segment.hpp"
#include "lab_report.hpp"

#include <lab/lab.hpp>
#include <lab/segment.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using camaudit::lab::Segment;
using camaudit::lab::SegmentDevice;
using camaudit::testing::device_at;
using camaudit::testing::fresh_temp_dir;
using camaudit::testing::has_evidence_from;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

// No responder runs: every TCP port is closed and no UDP probe is answered.
const std::string axis_id = "axis-m1065lw-fw9";                       // sends a DHCP DISCOVER
const std::string hik_id = "hik-ipc-ds2cd2032-i-v545";                // multicasts a WS-Discovery Hello
const std::string dahua_id = "udp-only-dahua-dhip-ipc-hdbw2431e";     // only ARPs
const std::string outsider_id = "udp-only-hik-sadp-ds2cd2143g0-i";    // speaks, but is not a target

camaudit::testing::ChosenSegment& listen_lab() {
    static auto lab = camaudit::testing::chosen_segment(CAMAUDIT_SOURCE_LAB_DIR, {axis_id, hik_id, dahua_id, outsider_id});
    return lab;
}

const SegmentDevice& device_named(const std::string& id) { return listen_lab().device(id); }

std::string ip_of(const std::string& id) { return device_named(id).address.to_string(); }

std::filesystem::path open_report_dir(const std::string& name) {
    const auto dir = fresh_temp_dir(name);
    chmod(dir.c_str(), 0777);  // writable by "nobody", whom the scan becomes
    return dir;
}

std::array<std::uint8_t, 6> mac_bytes(const std::string& text) {
    std::array<unsigned, 6> parts{};
    std::sscanf(text.c_str(), "%x:%x:%x:%x:%x:%x", &parts[0], &parts[1], &parts[2], &parts[3], &parts[4], &parts[5]);
    std::array<std::uint8_t, 6> bytes{};
    for (std::size_t i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(parts[i]);
    return bytes;
}

void put16(std::string& out, std::size_t at, unsigned value) {
    out[at] = static_cast<char>(value >> 8);
    out[at + 1] = static_cast<char>(value & 0xff);
}

// A DHCP DISCOVER as a camera sends it at boot: Ethernet broadcast, from 0.0.0.0:68, with its
// MAC in chaddr, a host name (12), a vendor class (60) and a parameter list (55).
std::string dhcp_discover_frame(const std::string& mac, const std::string& hostname, const std::string& vendor_class) {
    std::string dhcp(236, '\0');
    dhcp[0] = 1, dhcp[1] = 1, dhcp[2] = 6;
    put16(dhcp, 4, 0x3903), put16(dhcp, 10, 0x8000);
    const auto chaddr = mac_bytes(mac);
    std::copy(chaddr.begin(), chaddr.end(), dhcp.begin() + 28);
    dhcp += std::string("\x63\x82\x53\x63\x35\x01\x01", 7);
    dhcp += '\x0c' + std::string(1, static_cast<char>(hostname.size())) + hostname;
    dhcp += '\x3c' + std::string(1, static_cast<char>(vendor_class.size())) + vendor_class;
    dhcp += std::string("\x37\x04\x01\x03\x06\x0f\xff", 7);
    std::string udp(8, '\0');
    put16(udp, 0, 68), put16(udp, 2, 67), put16(udp, 4, static_cast<unsigned>(8 + dhcp.size()));
    std::string ip("\x45\x00\x00\x00\x00\x00\x00\x00\x40\x11\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff", 20);
    put16(ip, 2, static_cast<unsigned>(20 + udp.size() + dhcp.size()));
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < ip.size(); i += 2) sum += (static_cast<std::uint8_t>(ip[i]) << 8) | static_cast<std::uint8_t>(ip[i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    put16(ip, 10, ~sum & 0xffff);
    std::string ethernet(6, '\xff');
    for (const auto b : chaddr) ethernet += static_cast<char>(b);
    ethernet += std::string("\x08\x00", 2);
    return ethernet + ip + udp + dhcp;
}

void send_dhcp_discover(const SegmentDevice& device, const std::string& hostname, const std::string& vendor_class) {
    listen_lab().segment->inside(device.netns, [&] {
        const int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP));
        sockaddr_ll to{};
        to.sll_family = AF_PACKET;
        to.sll_ifindex = static_cast<int>(if_nametoindex("eth0"));
        to.sll_halen = 6;
        std::fill(std::begin(to.sll_addr), std::begin(to.sll_addr) + 6, 0xff);
        const auto frame = dhcp_discover_frame(device.mac, hostname, vendor_class);
        sendto(fd, frame.data(), frame.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
        close(fd);
    });
}

std::string wsd_hello(const SegmentDevice& device, const std::string& scopes) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">"
           "<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action>"
           "<a:MessageID>urn:uuid:6b7f1c2e-0000-4000-8000-000000000002</a:MessageID></s:Header><s:Body><d:Hello>"
           "<d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>" + scopes + "</d:Scopes><d:XAddrs>http://" +
           device.address.to_string() + "/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>"
           "</d:Hello></s:Body></s:Envelope>";
}

// Multicasts a Hello on the device's eth0, as the device itself does when it joins.
void send_hello(const SegmentDevice& device, const std::string& scopes) {
    listen_lab().segment->inside(device.netns, [&] {
        const int fd = socket(AF_INET, SOCK_DGRAM, 0);
        in_addr own{};
        inet_pton(AF_INET, device.address.to_string().c_str(), &own);
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &own, sizeof own);
        const int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in from{};  // from port 3702, as a device's WS-Discovery service sends
        from.sin_family = AF_INET;
        from.sin_port = htons(3702);
        from.sin_addr = own;
        bind(fd, reinterpret_cast<const sockaddr*>(&from), sizeof from);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(3702);
        inet_pton(AF_INET, "239.255.255.250", &to.sin_addr);
        const auto hello = wsd_hello(device, scopes);
        sendto(fd, hello.data(), hello.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
        close(fd);
    });
}

// The device's own kernel ARPs for the scanner: its neighbour cache is flushed, then one
// datagram to 10.77.0.1 needs the scanner's MAC.
void make_arp(const SegmentDevice& device) {
    Segment::run_in(device.netns, "ip neigh flush all");
    listen_lab().segment->inside(device.netns, [] {
        const int fd = socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(9);
        inet_pton(AF_INET, Segment::scanner_address, &to.sin_addr);
        sendto(fd, "x", 1, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
        close(fd);
    });
}

// The devices speak every 200 ms while it lives, so a capture that opens late still hears them.
class Chatter {
public:
    Chatter() : thread_([this] { run(); }) {}
    ~Chatter() {
        done_ = true;
        thread_.join();
    }
    Chatter(const Chatter&) = delete;
    Chatter& operator=(const Chatter&) = delete;

private:
    void run() {
        const auto& hik = device_named(hik_id);
        const std::string hik_scopes = "onvif://www.onvif.org/hardware/DS-2CD2032-I onvif://www.onvif.org/name/HIKVISION%20DS-2CD2032-I";
        while (!done_) {
            send_dhcp_discover(device_named(axis_id), "axis-accc8e5a1c07", "AXIS,Network Camera,M1065-LW,9.80.1");
            send_hello(hik, hik_scopes);
            make_arp(device_named(dahua_id));
            const auto& outsider = device_named(outsider_id);
            make_arp(outsider);
            send_dhcp_discover(outsider, "outsider-cam", "udhcp 1.19.4");
            send_hello(outsider, "onvif://www.onvif.org/name/HIKVISION%20DS-2CD2143G0-I");
            std::this_thread::sleep_for(200ms);
        }
    }
    std::atomic<bool> done_{false};
    std::thread thread_;
};

// The targets: the scanner's own address and the three devices, never the outsider.
std::string targets() {
    return std::string(Segment::scanner_address) + " " + ip_of(axis_id) + " " + ip_of(hik_id) + " " + ip_of(dahua_id);
}

std::string scan_command(const std::string& options, const std::filesystem::path& out) {
    return "ip netns exec " + listen_lab().segment->scanner_netns() + " " + CAMAUDIT_BIN + " scan " + options +
           " --out " + out.string();
}

// A scan started with fork/exec so the test can signal it. `ip netns exec` execs the command,
// so the pid is camaudit's own.
struct Started {
    pid_t pid = -1;
    std::filesystem::path err;
};

Started start_scan(const std::string& options, const std::filesystem::path& out) {
    Started started{-1, out.parent_path() / "stderr.txt"};
    const std::string command = scan_command(options, out) + " 2>" + started.err.string() + " >/dev/null";
    started.pid = fork();
    if (started.pid == 0) {
        execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return started;
}

// The real uid from /proc/PID/status: the scan becomes "nobody" just before its first packet.
bool dropped_privileges(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("Uid:")) return std::stoul(line.substr(4)) != 0;
    return false;
}

// Waits for the privilege drop (the sweep or the scan starts right after it), waits `after`,
// sends SIGINT; returns the exit status and the seconds from the signal to the exit.
std::pair<int, double> interrupt(const Started& started, std::chrono::milliseconds after) {
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (!dropped_privileges(started.pid) && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(after);
    kill(started.pid, SIGINT);
    const auto signalled = std::chrono::steady_clock::now();
    int status = 0;
    waitpid(started.pid, &status, 0);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - signalled;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), took.count()};
}

std::uint64_t stat_of(const json& report, const std::string& key) {
    return report.at("scan").at("capture_stats").value(key, std::uint64_t{0});
}

}  // namespace

TEST_CASE("scan --passive-while-scanning names silent devices from the DHCP, Hello and ARP they send") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    listen_lab();
    const auto dir = open_report_dir("l2-listen");
    const auto out = dir / "listen.json";
    const Chatter chatter;
    // --rate 1: four connects take about three seconds, time for the devices to speak.
    const auto result = run_command(scan_command(targets() + " --ports 80 --rate 1 --timeout 300 --probes http "
                                                 "--passive-while-scanning seg0", out));
    INFO(result.err);
    CHECK((result.exit_code == 0 || result.exit_code == 1));
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("options").at("passive_interface") == "seg0");
    CHECK(report.at("scan").at("options").at("privileges").get<std::string>().find("nobody") != std::string::npos);
    const std::map<std::string, std::pair<std::string, std::string>> heard = {
        {axis_id, {"Axis", "passive:dhcp"}}, {hik_id, {"Hikvision", "passive:wsd"}}, {dahua_id, {"Dahua", "passive:arp"}}};
    for (const auto& entry : heard) {  // no structured binding: INFO captures it in a lambda
        const std::string& id = entry.first;
        const auto& expected = entry.second;
        const auto& placed = device_named(id);
        INFO(id << " at " << placed.address.to_string());
        const json* device = device_at(report, placed.address.to_string());
        REQUIRE(device != nullptr);
        CHECK(device->at("mac") == placed.mac);
        CHECK(device->at("vendor").get<std::string>().find(expected.first) != std::string::npos);
        CHECK(has_evidence_from(*device, expected.second));
        CHECK(device->at("open_ports").empty());
    }
    const json* axis = device_at(report, ip_of(axis_id));
    REQUIRE(axis != nullptr);
    CHECK(axis->at("model").get<std::string>().find("M1065") != std::string::npos);  // from option 60 of the DISCOVER
    // The outsider spoke all along but is not a target; the scanner's own frames name nothing.
    CHECK(device_at(report, ip_of(outsider_id)) == nullptr);
    for (const auto& device : report.at("devices")) CHECK(device.value("mac", "") != device_named(outsider_id).mac);
    CHECK(device_at(report, Segment::scanner_address) == nullptr);
    CHECK(report.at("devices").size() == 3);
    CHECK(stat_of(report, "packets") > 0);
    CHECK(stat_of(report, "decoded.dhcp") > 0);
    CHECK(stat_of(report, "decoded.wsd") > 0);
    CHECK(stat_of(report, "out_of_scope") > 0);
    CHECK(stat_of(report, "own_host") > 0);
    CHECK(stat_of(report, "kernel_dropped") == 0);
}

TEST_CASE("the same scan without --passive-while-scanning does not name them") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    listen_lab();
    const auto dir = open_report_dir("l2-no-listen");
    const auto out = dir / "active.json";
    const Chatter chatter;
    // --no-arp: the default ARP sweep of a root scan would name them by their MACs' OUI.
    const auto result = run_command(scan_command(targets() + " --no-arp --ports 80 --rate 1 --timeout 300 --probes http", out));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("capture_stats").empty());
    for (const auto& id : {axis_id, hik_id, dahua_id}) {
        INFO(id);
        const json* device = device_at(report, ip_of(id));
        if (device == nullptr) continue;
        CHECK(device->value("vendor", "").empty());
        for (const auto& e : device->at("evidence")) CHECK(!e.value("source", "").starts_with("passive:"));
    }
}

TEST_CASE("SIGINT during scan --arp stops the sweep; the report is written, incomplete, with what was heard") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    listen_lab();
    const auto dir = open_report_dir("l2-sigint-arp");
    const auto out = dir / "interrupted.json";
    const Chatter chatter;
    // 253 requests at 200 per second: the signal lands about 60 requests into the sweep.
    const auto started = start_scan(std::string(Segment::subnet) + " --arp --interface seg0 --passive-while-scanning seg0 "
                                    "--ports 80 --timeout 300 --probes http", out);
    const auto [exit_code, seconds] = interrupt(started, 300ms);
    INFO(read_file(started.err));
    CHECK((exit_code == 1 || exit_code == 4));  // cut short: never 0
    CHECK(seconds < 5.0);  // the 1.5 s ARP listen window, the scan (see docs/layer2.md), the report
    MESSAGE("report written " << seconds << " s after SIGINT");
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("complete") == false);
    CHECK(report.at("scan").at("options").at("stopped").get<std::string>().find("SIGINT") != std::string::npos);
    CHECK(std::stoul(report.at("scan").at("options").at("arp_requests").get<std::string>()) < 253);
    CHECK(stat_of(report, "packets") > 0);
}

TEST_CASE("SIGINT during the active scan stops the capture too; what it heard is in the report") {
    if (geteuid() != 0) {
        MESSAGE("needs root to build network namespaces; skipped");
        return;
    }
    listen_lab();
    const auto dir = open_report_dir("l2-sigint-scan");
    const auto out = dir / "interrupted.json";
    const Chatter chatter;
    // 254 connects at 20 per second would take 13 s; the signal comes after 1.5 s.
    const auto started = start_scan(std::string(Segment::subnet) + " --passive-while-scanning seg0 --rate 20 --ports 80 "
                                    "--timeout 300 --probes http", out);
    const auto [exit_code, seconds] = interrupt(started, 1500ms);
    INFO(read_file(started.err));
    CHECK((exit_code == 1 || exit_code == 4));  // cut short: never 0
    CHECK(seconds < 3.0);  // a second of grace for in-flight exchanges, then the report
    MESSAGE("report written " << seconds << " s after SIGINT during the active scan");
    const auto report = json::parse(read_file(out));
    CHECK(report.at("scan").at("complete") == false);
    CHECK(report.at("scan").at("options").at("stopped").get<std::string>().find("SIGINT") != std::string::npos);
    CHECK(stat_of(report, "packets") > 0);
    // Heard before the signal: the Hello names the Hikvision whether or not a connect reached it.
    const json* hik = device_at(report, ip_of(hik_id));
    REQUIRE(hik != nullptr);
    CHECK(has_evidence_from(*hik, "passive:wsd"));
}
