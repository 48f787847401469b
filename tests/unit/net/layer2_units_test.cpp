// Proves the pure layer-2 pieces: ARP frames built and parsed (VLAN, truncated, not ARP),
// /proc/net/arp read (complete entries only, garbage skipped), subnet membership, and the
// --duration grammar of `discover`, and the report folder's reach after a privilege drop.
#include <app/discover_command.hpp>
#include <camaudit/error.hpp>
#include <net/interface_info.hpp>
#include <net/neighbour_table.hpp>
#include <net/privileges.hpp>
#include <parse/arp_packet.hpp>

#include <doctest/doctest.h>
#include <filesystem>
#include <unistd.h>

using namespace camaudit;
using boost::asio::ip::make_address_v4;

namespace {
const parse::MacAddress hikvision{0xc0, 0x56, 0xe3, 0x5d, 0x20, 0x9b};
const parse::MacAddress scanner{0x02, 0x77, 0, 0, 0, 0x01};

std::string reply_frame() {
    auto frame = parse::arp_request_frame(hikvision, make_address_v4("10.77.0.10").to_uint(),
                                          make_address_v4("10.77.0.1").to_uint());
    frame[21] = 2;  // operation: reply
    return frame;
}
}  // namespace

TEST_CASE("an ARP request frame is a 42-byte broadcast that parses back") {
    const auto frame = parse::arp_request_frame(scanner, make_address_v4("10.77.0.1").to_uint(),
                                                make_address_v4("10.77.0.10").to_uint());
    REQUIRE(frame.size() == parse::arp_frame_bytes);
    CHECK(frame.substr(0, 6) == std::string(6, '\xff'));
    const auto packet = parse::parse_arp_frame(frame);
    REQUIRE(packet);
    CHECK(packet->operation == parse::ArpOperation::request);
    CHECK(packet->sender_mac == scanner);
    CHECK(packet->target_ip == make_address_v4("10.77.0.10").to_uint());
}

TEST_CASE("an ARP reply gives the sender's MAC and address, with padding or a VLAN tag") {
    auto frame = reply_frame() + std::string(18, '\0');
    auto packet = parse::parse_arp_frame(frame);
    REQUIRE(packet);
    CHECK(packet->operation == parse::ArpOperation::reply);
    CHECK(parse::mac_text(packet->sender_mac) == "c0:56:e3:5d:20:9b");
    CHECK(packet->sender_ip == make_address_v4("10.77.0.10").to_uint());
    const auto tagged = frame.substr(0, 12) + std::string("\x81\x00\x00\x14", 4) + frame.substr(12);
    packet = parse::parse_arp_frame(tagged);
    REQUIRE(packet);
    CHECK(packet->sender_ip == make_address_v4("10.77.0.10").to_uint());
}

TEST_CASE("truncated, non-ARP and non-Ethernet/IPv4 ARP frames are refused") {
    const auto frame = reply_frame();
    for (std::size_t size = 0; size < frame.size(); ++size) CHECK_FALSE(parse::parse_arp_frame(frame.substr(0, size)));
    auto ipv4 = frame;
    ipv4[13] = 0x00;  // ethertype 0x0800
    CHECK_FALSE(parse::parse_arp_frame(ipv4));
    auto other_hardware = frame;
    other_hardware[15] = 6;  // hardware type IEEE 802
    CHECK_FALSE(parse::parse_arp_frame(other_hardware));
    auto bad_operation = frame;
    bad_operation[21] = 9;
    CHECK_FALSE(parse::parse_arp_frame(bad_operation));
}

TEST_CASE("/proc/net/arp: complete entries only, MAC lower-cased, garbage skipped") {
    const auto neighbours = net::parse_proc_net_arp(
        "IP address       HW type     Flags       HW address            Mask     Device\n"
        "10.77.0.10       0x1         0x2         C0:56:E3:5D:20:9B     *        seg0\n"
        "10.77.0.11       0x1         0x0         00:00:00:00:00:00     *        seg0\n"
        "10.77.0.12       0x1         0x6         3c:ef:8c:5e:90:14     *        seg0\n"
        "999.1.1.1        0x1         0x2         3c:ef:8c:5e:90:14     *        seg0\n"
        "10.77.0.13       0x1         0x2         3c:ef:8c:5e:90        *        seg0\n"
        "10.77.0.14 0x1 0x2\n");
    REQUIRE(neighbours.size() == 2);
    CHECK(neighbours[0].ip == "10.77.0.10");
    CHECK(neighbours[0].mac == "c0:56:e3:5d:20:9b");
    CHECK(neighbours[0].interface == "seg0");
    CHECK(neighbours[1].ip == "10.77.0.12");
    CHECK(net::parse_proc_net_arp("").empty());
}

TEST_CASE("an interface's subnet holds its neighbours, not itself nor other subnets") {
    net::InterfaceInfo seg{"seg0", 2, make_address_v4("10.77.0.1"), make_address_v4("255.255.255.0"), scanner};
    CHECK(seg.on_subnet(make_address_v4("10.77.0.10")));
    CHECK_FALSE(seg.on_subnet(make_address_v4("10.77.0.1")));
    CHECK_FALSE(seg.on_subnet(make_address_v4("10.77.1.10")));
    CHECK_FALSE(seg.on_subnet(make_address_v4("10.77.0.0")));
    CHECK_FALSE(seg.on_subnet(make_address_v4("10.77.0.255")));
    net::InterfaceInfo point{"p2p", 3, make_address_v4("10.0.0.0"), make_address_v4("255.255.255.254"), scanner};
    CHECK(point.on_subnet(make_address_v4("10.0.0.1")));
    CHECK(seg.subnet_text() == "10.77.0.0/24");
}

TEST_CASE("discover --duration takes s, ms, m or plain seconds, up to one hour") {
    CHECK(app::parse_duration("5s") == std::chrono::milliseconds(5000));
    CHECK(app::parse_duration("500ms") == std::chrono::milliseconds(500));
    CHECK(app::parse_duration("2m") == std::chrono::milliseconds(120000));
    CHECK(app::parse_duration("3") == std::chrono::milliseconds(3000));
    for (const char* bad : {"", "s", "-1s", "0", "5h", "2 m", "61m"}) CHECK_THROWS_AS(app::parse_duration(bad), UsageError);
}

TEST_CASE("a report folder is writable after the drop only if every folder above it lets the account through") {
    if (geteuid() != 0) {
        MESSAGE("needs root (the check is about the account root drops to); skipped");
        return;
    }
    const auto base = std::filesystem::temp_directory_path() / ("camaudit-reach-" + std::to_string(getpid()));
    std::filesystem::create_directories(base / "open");
    std::filesystem::permissions(base, std::filesystem::perms::owner_all);  // 0700: nobody cannot pass
    std::filesystem::permissions(base / "open", std::filesystem::perms::all);
    const net::PrivilegeOptions nobody{"nobody"};
    CHECK_FALSE(net::writable_after_drop(nobody, base / "open" / "report.json"));
    std::filesystem::permissions(base, std::filesystem::perms::owner_all | std::filesystem::perms::others_exec);
    CHECK(net::writable_after_drop(nobody, base / "open" / "report.json"));
    std::filesystem::remove_all(base);
}
