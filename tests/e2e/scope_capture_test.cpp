// Proves the scope guard on the wire: inside a private network namespace, every packet on every
// interface is captured (libpcap on "any") while `camaudit scan` runs against part of the lab
// with exclusions, among devices that redirect to 192.0.2.50, advertise WS-Discovery XAddrs
// at 198.51.100.7 and an SSDP LOCATION at 192.0.2.50, and whose SADP and DHIP answers claim
// another device's address and MAC (hostile-*-forged-source). Both out-of-scope networks are
// routed to `lo` in the namespace, so a packet sent there would be seen. Every captured packet
// must be between the scanner and a target, and forged evidence stays with its real sender.
#include "command.hpp"

#include <lab/lab.hpp>
#include <lab/udp_servers.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pcap/pcap.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <thread>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using json = nlohmann::json;
namespace lab = camaudit::lab;

extern char** environ;

namespace {

const std::filesystem::path normal_dir = CAMAUDIT_SOURCE_LAB_DIR;
const std::filesystem::path hostile_dir = std::filesystem::path(CAMAUDIT_SOURCE_DIR) / "tests/lab/hostile";
const std::string lab_first = "127.0.2.1";                 // devices at .1, .2, ... in id order
const std::string wsd_liar = "127.0.3.1";                  // our own WS-Discovery responder
const std::vector<std::string> targets = {"127.0.2.0/25", wsd_liar};
const std::vector<std::string> excluded = {"127.0.2.8/29", "127.0.2.33", "127.0.2.96/27"};
const std::vector<std::string> lure_routes = {"192.0.2.0/24", "198.51.100.0/24"};
const std::string lure_xaddrs_host = "198.51.100.7";
// The addresses the forged SADP and DHIP answers claim as their own (an excluded lab address,
// a lure), and the model names that mark their evidence.
const std::map<std::string, std::pair<std::string, std::string>> forged_claims = {
    {"hostile-sadp-forged-source", {"127.0.2.33", "DS-2CD9999-FORGED"}},
    {"hostile-dhip-forged-source", {"198.51.100.9", "IPC-FORGED-SOURCE"}}};

// Copies of the normal profiles plus the hostile ones that lure with addresses (no behaviour).
std::filesystem::path scope_devices(const std::filesystem::path& work) {
    const auto dir = work / "devices";
    std::filesystem::create_directories(dir);
    for (const auto& entry : std::filesystem::directory_iterator(normal_dir))
        if (entry.path().extension() == ".json") std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
    for (const auto& entry : std::filesystem::directory_iterator(hostile_dir))
        if (!json::parse(read_file(entry.path())).contains("behaviour"))
            std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
    return dir;
}

// ---- the capturing child (runs inside the namespace; never uses doctest) ----

struct Packet {
    std::string src, dst;
};

void on_packet(u_char* user, const pcap_pkthdr* header, const u_char* bytes) {
    auto& out = *reinterpret_cast<std::vector<Packet>*>(user);
    constexpr std::size_t sll = 16;  // DLT_LINUX_SLL header; the protocol is its last two bytes
    if (header->caplen < sll) return;
    const unsigned protocol = (bytes[14] << 8) | bytes[15];
    char src[INET6_ADDRSTRLEN]{}, dst[INET6_ADDRSTRLEN]{};
    if (protocol == 0x0800 && header->caplen >= sll + 20) {
        inet_ntop(AF_INET, bytes + sll + 12, src, sizeof src);
        inet_ntop(AF_INET, bytes + sll + 16, dst, sizeof dst);
    } else if (protocol == 0x86dd && header->caplen >= sll + 40) {
        inet_ntop(AF_INET6, bytes + sll + 8, src, sizeof src);
        inet_ntop(AF_INET6, bytes + sll + 24, dst, sizeof dst);
    } else {
        out.push_back({"protocol-" + std::to_string(protocol), "protocol-" + std::to_string(protocol)});
        return;
    }
    out.push_back({src, dst});
}

// The lying answers of wsd_liar: a WS-Discovery ProbeMatch (correct RelatesTo) whose XAddrs
// point out of scope, and an SSDP answer whose LOCATIONs name a lure and an excluded device.
std::optional<std::string> lie(std::uint16_t port, std::string_view request) {
    static const lab::Profile liar{
        "wsd-liar", nlohmann::ordered_json::parse(R"({"onvif": {"scopes": ["onvif://www.onvif.org/name/liar"]}})"), {}};
    if (port == 3702) return lab::wsd_reply(liar, lure_xaddrs_host, request);
    if (!request.starts_with("M-SEARCH")) return std::nullopt;
    return "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\n"
           "USN: uuid:liar::upnp:rootdevice\r\nSERVER: Linux/5.10 UPnP/1.0 liar/1.0\r\n"
           "LOCATION: http://192.0.2.50:80/description.xml\r\n\r\n";
}

// Answers every datagram on the liar's sockets until `stop`.
void serve_liar(std::vector<std::pair<int, std::uint16_t>> sockets, const std::atomic<bool>& stop) {
    std::array<char, 4096> buffer{};
    while (!stop) {
        for (const auto& [fd, port] : sockets) {
            sockaddr_in from{};
            socklen_t from_size = sizeof from;
            const auto got = recvfrom(fd, buffer.data(), buffer.size(), MSG_DONTWAIT,
                                      reinterpret_cast<sockaddr*>(&from), &from_size);
            if (got <= 0) continue;
            const auto reply = lie(port, std::string_view(buffer.data(), static_cast<std::size_t>(got)));
            if (reply) sendto(fd, reply->data(), reply->size(), 0, reinterpret_cast<sockaddr*>(&from), from_size);
        }
        usleep(5000);
    }
}

int udp_socket(const std::string& address, std::uint16_t port) {
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &local.sin_addr);
    if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) return -1;
    return fd;
}

pid_t spawn_scan(const std::filesystem::path& work) {
    std::vector<std::string> args = {CAMAUDIT_BIN, "scan"};
    args.insert(args.end(), targets.begin(), targets.end());
    for (const auto& e : excluded) args.insert(args.end(), {"--exclude", e});
    args.insert(args.end(), {"--rate", "20000", "--seed", "7", "--out", (work / "report.json").string()});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    const auto err = (work / "scan-stderr.txt").string();
    posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    if (posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&files);
    return pid;
}

// Runs scan and capture; writes work/capture.json. Returns the child's exit code.
int capture_child(const std::filesystem::path& work, const std::filesystem::path& devices) {
    json out;
    lab::enter_private_network_namespace();
    for (const auto& route : lure_routes)
        if (std::system(("ip route add local " + route + " dev lo").c_str()) != 0) return 20;
    lab::Lab running(lab::load_profiles(devices), boost::asio::ip::make_address_v4(lab_first));
    running.start();
    for (const auto& place : running.placements()) out["placements"][place.id] = place.address.to_string();
    char error[PCAP_ERRBUF_SIZE]{};
    pcap_t* capture = pcap_create("any", error);
    if (!capture || pcap_set_snaplen(capture, 128) || pcap_set_immediate_mode(capture, 1) ||
        pcap_set_buffer_size(capture, 64 << 20) || pcap_activate(capture) || pcap_setnonblock(capture, 1, error))
        return 21;
    if (pcap_datalink(capture) != DLT_LINUX_SLL) return 22;
    const int wsd_fd = udp_socket(wsd_liar, 3702);
    const int ssdp_fd = udp_socket(wsd_liar, 1900);
    if (wsd_fd < 0 || ssdp_fd < 0) return 23;
    std::atomic<bool> stop{false};
    std::thread liar(serve_liar, std::vector<std::pair<int, std::uint16_t>>{{wsd_fd, 3702}, {ssdp_fd, 1900}},
                     std::cref(stop));
    std::vector<Packet> packets;
    const pid_t scan = spawn_scan(work);
    int status = 0;
    while (scan > 0 && waitpid(scan, &status, WNOHANG) == 0) {
        pcap_dispatch(capture, -1, on_packet, reinterpret_cast<u_char*>(&packets));
        usleep(2000);
    }
    usleep(300000);  // late answers and FINs
    while (pcap_dispatch(capture, -1, on_packet, reinterpret_cast<u_char*>(&packets)) > 0) {}
    pcap_stat stats{};
    pcap_stats(capture, &stats);
    stop = true;
    liar.join();
    out["scan_exit"] = scan > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out["dropped"] = stats.ps_drop;
    for (const auto& p : packets) out["packets"].push_back({p.src, p.dst});
    std::ofstream(work / "capture.json") << out.dump();
    pcap_close(capture);
    return 0;
}

struct Capture {
    int child_exit = -1;
    json data;
    json report;
    std::string scan_stderr;
};

// Forks: the child is single-threaded, so it may still enter a namespace of its own.
const Capture& capture() {
    static const Capture result = [] {
        Capture c;
        const auto work = fresh_temp_dir("scope-capture");
        const auto devices = scope_devices(work);
        const pid_t child = fork();
        if (child == 0) {
            int code = 30;
            try {
                code = capture_child(work, devices);
            } catch (...) {
            }
            _exit(code);
        }
        int status = 0;
        waitpid(child, &status, 0);
        c.child_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        c.scan_stderr = read_file(work / "scan-stderr.txt");
        if (c.child_exit == 0) c.data = json::parse(read_file(work / "capture.json"));
        const auto report = read_file(work / "report.json");
        if (!report.empty()) c.report = json::parse(report);
        return c;
    }();
    return result;
}

std::uint32_t ipv4(const std::string& text) {
    in_addr a{};
    return inet_pton(AF_INET, text.c_str(), &a) == 1 ? ntohl(a.s_addr) : 0;
}

// "a.b.c.d" or "a.b.c.d/n" contains `address`.
bool within(const std::string& block, const std::string& address) {
    const auto slash = block.find('/');
    const int bits = slash == std::string::npos ? 32 : std::stoi(block.substr(slash + 1));
    const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    const auto ip = ipv4(address);
    return ip != 0 && (ip & mask) == (ipv4(block.substr(0, slash)) & mask);
}

bool any_within(const std::vector<std::string>& blocks, const std::string& address) {
    for (const auto& block : blocks)
        if (within(block, address)) return true;
    return false;
}

bool in_scope(const std::string& address) { return any_within(targets, address) && !any_within(excluded, address); }

}  // namespace

static void check_1() {  // scope: the capture ran, saw the scan's traffic and dropped nothing
    const auto& c = capture();
    INFO("child exit ", c.child_exit, "; scan stderr: ", c.scan_stderr);
    REQUIRE(c.child_exit == 0);
    CHECK(c.data.at("scan_exit").get<int>() >= 0);
    CHECK(c.data.at("dropped").get<int>() == 0);
    std::set<std::string> targets_seen;
    for (const auto& p : c.data.at("packets"))
        if (in_scope(p[1].get<std::string>())) targets_seen.insert(p[1].get<std::string>());
    MESSAGE(c.data.at("packets").size() << " packets captured, to " << targets_seen.size() << " targets in scope");
    CHECK(targets_seen.size() >= 50);  // every address in scope gets at least a SYN
    CHECK(targets_seen.count(wsd_liar) == 1);
}

static void check_2() {  // scope: every captured packet is between the scanner and a target in scope
    const auto& c = capture();
    REQUIRE(c.child_exit == 0);
    std::map<std::string, int> strays;  // "src > dst" -> packets
    for (const auto& p : c.data.at("packets")) {
        const auto src = p[0].get<std::string>();
        const auto dst = p[1].get<std::string>();
        const bool scanner_end = src == "127.0.0.1" || dst == "127.0.0.1";  // the scanner's source address
        const bool target_end = in_scope(src) || in_scope(dst);
        if (!(scanner_end && target_end) && !(in_scope(src) && in_scope(dst))) ++strays[src + " > " + dst];
    }
    for (const auto& [pair, count] : strays) MESSAGE("out of scope: " << pair << " (" << count << " packets)");
    CHECK(strays.empty());
}

static void check_3() {  // scope: no packet to an excluded address, a lure or a device outside the targets
    const auto& c = capture();
    REQUIRE(c.child_exit == 0);
    std::set<std::string> forbidden = {"192.0.2.50", lure_xaddrs_host};
    for (const auto& [id, claim] : forged_claims) forbidden.insert(claim.first);
    for (const auto& [id, address] : c.data.at("placements").items())
        if (!in_scope(address.get<std::string>())) forbidden.insert(address.get<std::string>());
    CHECK(forbidden.size() > 20);  // devices excluded or past the /25 exist and listen
    for (const auto& p : c.data.at("packets")) {
        INFO(p.dump());
        CHECK(forbidden.count(p[1].get<std::string>()) == 0);
        CHECK(forbidden.count(p[0].get<std::string>()) == 0);
    }
}

static void check_4() {  // scope: the lures reached the scanner, and the report names no out-of-scope address
    const auto& c = capture();
    REQUIRE(c.child_exit == 0);
    REQUIRE(c.report.is_object());
    const auto& places = c.data.at("placements");
    const std::string redirecting = places.at("hostile-redirect-out").get<std::string>();
    REQUIRE(in_scope(redirecting));
    std::set<std::string> reported;
    for (const auto& device : c.report.at("devices")) reported.insert(device.at("ip").get<std::string>());
    CHECK(reported.count(redirecting) == 1);  // its port 80 was probed, so its redirect was read
    for (const auto& ip : reported) {
        INFO(ip);
        CHECK(in_scope(ip));
    }
}

// Which devices of the report carry evidence whose value contains `marker`.
std::set<std::string> devices_with_evidence(const json& report, const std::string& marker) {
    std::set<std::string> found;
    for (const auto& device : report.at("devices"))
        for (const auto& evidence : device.at("evidence"))
            if (evidence.at("value").get<std::string>().find(marker) != std::string::npos)
                found.insert(device.at("ip").get<std::string>());
    return found;
}

static void check_5() {  // scope: an answer claiming another address is filed under its sender, and the claim is never probed
    const auto& c = capture();
    REQUIRE(c.child_exit == 0);
    REQUIRE(c.report.is_object());
    for (const auto& [id, claim] : forged_claims) {
        const std::string sender = c.data.at("placements").at(id).get<std::string>();
        INFO(id, " at ", sender, " claims ", claim.first);
        REQUIRE(in_scope(sender));
        REQUIRE_FALSE(in_scope(claim.first));
        CHECK(devices_with_evidence(c.report, claim.second) == std::set<std::string>{sender});
        for (const auto& device : c.report.at("devices")) CHECK(device.at("ip") != claim.first);
        for (const auto& p : c.data.at("packets")) CHECK(p[1].get<std::string>() != claim.first);
    }
}

// One process, one scan: each SUBCASE reuses it (CTest runs every TEST_CASE in its own process).
TEST_CASE("scope: a scan with exclusions and lures sends nothing outside its targets (captured on the wire)") {
    SUBCASE("scope: the capture ran, saw the scan's traffic and dropped nothing") { check_1(); }
    SUBCASE("scope: every captured packet is between the scanner and a target in scope") { check_2(); }
    SUBCASE("scope: no packet to an excluded address, a lure or a device outside the targets") { check_3(); }
    SUBCASE("scope: the lures reached the scanner, and the report names no out-of-scope address") { check_4(); }
    SUBCASE("scope: an answer claiming another address is filed under its sender, and the claim is never probed") { check_5(); }
}
