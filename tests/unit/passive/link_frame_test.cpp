// Proves parse/link_frame turns frames of every supported link type into the right Packet,
// and that every way of lying (short headers, lengths past the end, bad versions) is counted
// as malformed without reading past the buffer. Frames come from the capture generator.
#include <doctest/doctest.h>

#include <parse/link_frame.hpp>
#include <passive/packet_text.hpp>
#include <pcap_writer.hpp>

#include <string>

namespace fx = camaudit::fixtures;
using camaudit::Transport;
using camaudit::parse::decode_frame;
using camaudit::parse::Frame;
using camaudit::parse::FrameStatus;
namespace lt = camaudit::parse::link_type;

namespace {

const fx::Bytes hello = fx::as_bytes("hello");
constexpr const char* cam_mac = "44:47:cc:01:02:03";
constexpr const char* nvr_mac = "3c:ef:8c:0a:0b:0c";

std::string text_of(std::span<const std::uint8_t> payload) { return {payload.begin(), payload.end()}; }

Frame decoded(int link, const fx::Bytes& bytes, bool snapped = false) {
    Frame frame;
    REQUIRE(decode_frame(link, bytes, snapped, frame) == FrameStatus::decoded);
    return frame;
}

FrameStatus status_of(int link, const fx::Bytes& bytes, bool snapped = false) {
    Frame frame;
    return decode_frame(link, bytes, snapped, frame);
}

}  // namespace

TEST_CASE("Ethernet IPv4 UDP: addresses, ports, payload, unicast is not multicast") {
    // The frame's spans point into the bytes: keep them alive (ASan caught a dangling temporary).
    const auto bytes = fx::ethernet_ipv4_udp(cam_mac, nvr_mac, "192.0.2.64", "192.0.2.10", 37020, 40000, hello);
    const auto frame = decoded(lt::ethernet, bytes);
    const auto& p = frame.packet;
    CHECK(camaudit::to_text(p.src_mac) == cam_mac);
    CHECK(camaudit::to_text(p.dst_mac) == nvr_mac);
    CHECK(p.ether_type == 0x0800);
    CHECK(camaudit::to_text(p.src_ip) == "192.0.2.64");
    CHECK(camaudit::to_text(p.dst_ip) == "192.0.2.10");
    CHECK(p.transport == Transport::udp);
    CHECK(p.src_port == 37020);
    CHECK(p.dst_port == 40000);
    CHECK(text_of(p.payload) == "hello");
    CHECK_FALSE(p.multicast);
    CHECK(p.vlan == 0);
}

TEST_CASE("Ethernet padding after a short IP packet is not payload") {
    auto bytes = fx::ethernet_ipv4_udp(cam_mac, nvr_mac, "192.0.2.64", "192.0.2.10", 1, 2, fx::as_bytes("x"));
    bytes.resize(60, 0);  // minimum Ethernet frame
    CHECK(text_of(decoded(lt::ethernet, bytes).packet.payload) == "x");
}

TEST_CASE("multicast and broadcast destinations are flagged, by MAC or by IP") {
    CHECK(decoded(lt::ethernet, fx::ethernet_ipv4_udp(cam_mac, "01:00:5e:7f:ff:fa", "192.0.2.64", "239.255.255.250", 1900, 1900, hello)).packet.multicast);
    CHECK(decoded(lt::ethernet, fx::ethernet_ipv4_udp(cam_mac, fx::broadcast_mac, "0.0.0.0", "255.255.255.255", 68, 67, hello)).packet.multicast);
    CHECK(decoded(lt::raw_file, fx::ipv4_udp("192.0.2.64", "224.0.0.251", 5353, 5353, hello)).packet.multicast);
    CHECK(decoded(lt::raw_file, fx::ipv6_udp("fe80::1", "ff02::c", 3702, 3702, hello)).packet.multicast);
}

TEST_CASE("802.1Q and QinQ tags are removed, the outermost id is kept") {
    const auto udp = fx::ipv4_udp("192.0.2.64", "192.0.2.10", 5000, 6000, hello);
    const std::uint16_t one[] = {20};
    const std::uint16_t two[] = {100, 20};
    const auto tagged_bytes = fx::vlan_frame(cam_mac, nvr_mac, one, 0x0800, udp);
    const auto tagged = decoded(lt::ethernet, tagged_bytes);
    CHECK(tagged.packet.vlan == 20);
    CHECK(text_of(tagged.packet.payload) == "hello");
    const auto qinq_bytes = fx::vlan_frame(cam_mac, nvr_mac, two, 0x0800, udp);
    const auto qinq = decoded(lt::ethernet, qinq_bytes);
    CHECK(qinq.packet.vlan == 100);
    CHECK(qinq.packet.ether_type == 0x0800);
    CHECK(text_of(qinq.packet.payload) == "hello");
    const std::uint16_t five[] = {1, 2, 3, 4, 5};
    CHECK(status_of(lt::ethernet, fx::vlan_frame(cam_mac, nvr_mac, five, 0x0800, udp)) == FrameStatus::malformed);
}

TEST_CASE("Linux cooked SLL and SLL2 give the sender MAC and the packet type") {
    const auto udp = fx::ipv4_udp("192.0.2.64", "192.0.2.10", 5000, 6000, hello);
    const auto sll_bytes = fx::sll_frame(cam_mac, 0x0800, udp);
    const auto sll = decoded(lt::linux_sll, sll_bytes);
    CHECK(camaudit::to_text(sll.packet.src_mac) == cam_mac);
    CHECK(sll.packet.dst_mac.empty);
    CHECK(text_of(sll.packet.payload) == "hello");
    CHECK(decoded(lt::linux_sll, fx::sll_frame(cam_mac, 0x0800, udp, 1)).packet.multicast);
    const auto sll2_bytes = fx::sll2_frame(cam_mac, 0x0800, udp, 2);
    const auto sll2 = decoded(lt::linux_sll2, sll2_bytes);
    CHECK(camaudit::to_text(sll2.packet.src_mac) == cam_mac);
    CHECK(sll2.packet.multicast);
    CHECK(sll2.packet.src_port == 5000);
    CHECK(status_of(lt::linux_sll, fx::Bytes(15, 0)) == FrameStatus::malformed);
    CHECK(status_of(lt::linux_sll2, fx::Bytes(19, 0)) == FrameStatus::malformed);
}

TEST_CASE("raw IP link types: IPv4, IPv6, and the per-version types") {
    const auto v4 = fx::ipv4_udp("192.0.2.64", "192.0.2.10", 1, 2, hello);
    const auto v6 = fx::ipv6_udp("2001:db8::64", "2001:db8::10", 1, 2, hello);
    for (int link : {lt::raw, lt::raw_bsd, lt::raw_file}) {
        CHECK(decoded(link, v4).packet.ether_type == 0x0800);
        CHECK(camaudit::to_text(decoded(link, v6).packet.src_ip) == "2001:db8::64");
        CHECK(decoded(link, v4).packet.src_mac.empty);
    }
    CHECK(decoded(lt::ipv4, v4).packet.src_port == 1);
    CHECK(decoded(lt::ipv6, v6).packet.dst_port == 2);
    CHECK(status_of(lt::ipv4, v6) == FrameStatus::malformed);
    CHECK(status_of(lt::ipv6, v4) == FrameStatus::malformed);
}

TEST_CASE("BSD loopback in either byte order") {
    const auto v4 = fx::ipv4_udp("127.0.0.1", "127.0.0.1", 1, 2, hello);
    CHECK(text_of(decoded(lt::null, fx::null_frame(2, v4)).packet.payload) == "hello");
    fx::Bytes loop = {0, 0, 0, 2};
    loop.insert(loop.end(), v4.begin(), v4.end());
    CHECK(decoded(lt::loop, loop).packet.src_port == 1);
    CHECK(status_of(lt::null, fx::null_frame(99, v4)) == FrameStatus::skipped);
}

TEST_CASE("TCP: flags, sequence number, payload after the options") {
    const auto bytes = fx::ethernet_frame(cam_mac, nvr_mac, 0x0800,
        fx::ipv4_tcp("192.0.2.64", "192.0.2.10", 80, 50000, 1000, fx::tcp_flag::psh | fx::tcp_flag::ack, fx::as_bytes("HTTP/1.1 200 OK\r\n")));
    const auto frame = decoded(lt::ethernet, bytes);
    CHECK(frame.packet.transport == Transport::tcp);
    CHECK(frame.tcp_seq == 1000);
    CHECK(frame.tcp_flags == (fx::tcp_flag::psh | fx::tcp_flag::ack));
    CHECK(text_of(frame.packet.payload) == "HTTP/1.1 200 OK\r\n");
    CHECK(frame.ip_protocol == 6);
}

TEST_CASE("IPv4 options are skipped, later fragments are skipped, a first fragment is cut") {
    fx::Ipv4Options with_options;
    with_options.options = {0x94, 0x04, 0, 0};  // router alert
    const auto options_bytes = fx::ipv4_packet("192.0.2.64", "192.0.2.10", 17, fx::udp_segment(1, 2, hello), with_options);
    const auto options = decoded(lt::raw_file, options_bytes);
    CHECK(text_of(options.packet.payload) == "hello");

    fx::Ipv4Options later;
    later.fragment_offset = 185;
    CHECK(status_of(lt::raw_file, fx::ipv4_packet("192.0.2.64", "192.0.2.10", 17, hello, later)) == FrameStatus::skipped);

    // A first fragment: the UDP header claims more than this fragment carries.
    auto udp = fx::udp_segment(3702, 3702, fx::as_bytes(std::string(100, 'a')));
    udp.resize(50);
    fx::Ipv4Options first;
    first.more_fragments = true;
    const auto cut_bytes = fx::ipv4_packet("192.0.2.64", "192.0.2.10", 17, udp, first);
    const auto cut = decoded(lt::raw_file, cut_bytes);
    CHECK(cut.payload_cut);
    CHECK(cut.packet.payload.size() == 42);
}

TEST_CASE("IPv6 extension headers are skipped, bounded") {
    const std::uint8_t two[] = {0, 60};
    const auto bytes = fx::ipv6_packet("fe80::1", "ff02::1:2", 17, fx::udp_segment(546, 547, hello), two);
    const auto frame = decoded(lt::raw_file, bytes);
    CHECK(frame.packet.src_port == 546);
    CHECK(text_of(frame.packet.payload) == "hello");
    const std::uint8_t many[] = {0, 60, 60, 60, 60, 60, 60, 60, 60, 60};
    CHECK(status_of(lt::raw_file, fx::ipv6_packet("fe80::1", "ff02::1:2", 17, fx::udp_segment(546, 547, hello), many)) ==
          FrameStatus::malformed);
}

TEST_CASE("ARP passes through with ether type 0x0806 and its body as payload") {
    auto bytes = fx::arp_reply(cam_mac, "192.0.2.64", nvr_mac, "192.0.2.10");
    bytes.resize(60, 0);
    const auto frame = decoded(lt::ethernet, bytes);
    CHECK(frame.packet.ether_type == 0x0806);
    CHECK(frame.packet.payload.size() == 28);
    CHECK(frame.packet.transport == Transport::none);
    CHECK(frame.packet.src_ip.empty);
}

TEST_CASE("lengths that lie are malformed, the same bytes cut by the snap length are not") {
    auto udp = fx::ipv4_udp("192.0.2.64", "192.0.2.10", 1, 2, fx::as_bytes(std::string(40, 'z')));
    auto short_ip = udp;
    short_ip.resize(40);  // IP total length says 68
    CHECK(status_of(lt::raw_file, short_ip) == FrameStatus::malformed);
    const auto snapped = decoded(lt::raw_file, short_ip, true);
    CHECK(snapped.payload_cut);
    CHECK(snapped.packet.payload.size() == 12);

    auto udp_lies = udp;
    udp_lies[24] = 0x01;  // UDP length 0x01xx > what the IP packet holds
    CHECK(status_of(lt::raw_file, udp_lies) == FrameStatus::malformed);
    auto udp_tiny = udp;
    udp_tiny[24] = 0;
    udp_tiny[25] = 4;  // UDP length below its own header
    CHECK(status_of(lt::raw_file, udp_tiny) == FrameStatus::malformed);

    auto bad_ihl = udp;
    bad_ihl[0] = 0x44;  // header length 16 < 20
    CHECK(status_of(lt::raw_file, bad_ihl) == FrameStatus::malformed);
    auto tcp = fx::ipv4_tcp("192.0.2.64", "192.0.2.10", 80, 5000, 1, fx::tcp_flag::ack, hello);
    tcp[32] = 0xf0;  // data offset 60 bytes, past the end
    CHECK(status_of(lt::raw_file, tcp) == FrameStatus::malformed);
    auto v6 = fx::ipv6_udp("fe80::1", "fe80::2", 1, 2, hello);
    v6[4] = 0x10;  // payload length 4096
    CHECK(status_of(lt::raw_file, v6) == FrameStatus::malformed);
    CHECK(status_of(lt::ethernet, fx::Bytes(13, 0xff)) == FrameStatus::malformed);
    CHECK(status_of(lt::raw_file, {}) == FrameStatus::malformed);
}

TEST_CASE("every prefix of every frame decodes or is refused without reading past it") {
    const std::uint16_t tags[] = {7, 8};
    const fx::Bytes frames[] = {
        fx::vlan_frame(cam_mac, nvr_mac, tags, 0x86dd, fx::ipv6_tcp("fe80::1", "fe80::2", 554, 40000, 9, fx::tcp_flag::ack, hello)),
        fx::sll2_frame(cam_mac, 0x0800, fx::ipv4_udp("192.0.2.1", "192.0.2.2", 67, 68, hello)),
        fx::arp_gratuitous(cam_mac, "192.0.2.64"),
    };
    for (const auto& frame : frames)
        for (std::size_t size = 0; size <= frame.size(); ++size) {
            const fx::Bytes prefix(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(size));  // exact-size heap copy: ASan sees overreads
            for (int link : {lt::ethernet, lt::linux_sll2, lt::raw_file}) {
                Frame out;
                (void)decode_frame(link, prefix, size % 2 == 0, out);
                CHECK(out.packet.payload.size() <= prefix.size());
            }
        }
}

TEST_CASE("link type names and support") {
    CHECK(camaudit::parse::link_type_supported(lt::ethernet));
    CHECK(camaudit::parse::link_type_supported(lt::linux_sll2));
    CHECK_FALSE(camaudit::parse::link_type_supported(147));
    CHECK(camaudit::parse::link_type_name(lt::linux_sll) == "linux_sll");
}
