// Writes a capture mixed like a camera LAN for bench/passive_read.sh, with the project's
// capture generator: mostly bulk RTP video over UDP, and ARP, DHCP, SSDP NOTIFY, mDNS,
// HTTP and RTSP replies over TCP among 200 cameras.
// Usage: passive_capture FILE [PACKETS] [pcap|pcapng]
#include <dhcp_fixtures.hpp>
#include <pcap_writer.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace fx = camaudit::fixtures;

namespace {

constexpr int cameras = 200;
const char* const recorder_mac = "02:00:00:00:00:01";

std::string camera_mac(int i) {
    char text[18];
    std::snprintf(text, sizeof text, "44:47:cc:00:%02x:%02x", i >> 8 & 0xff, i & 0xff);
    return text;
}
std::string camera_ip(int i) { return "10.20." + std::to_string(1 + i / 250) + "." + std::to_string(1 + i % 250); }

// One frame of kind `k` (0..99 decides the mix) from camera `c`.
fx::Bytes frame(int k, int c, std::uint32_t n) {
    const std::string mac = camera_mac(c), ip = camera_ip(c);
    if (k < 2) return fx::arp_reply(mac, ip, recorder_mac, "10.20.0.1");
    if (k < 3)
        return fx::ethernet_ipv4_udp(mac, fx::broadcast_mac, "0.0.0.0", "255.255.255.255", 68, 67,
                                     camaudit::test_fixtures::dhcpv4_discover(mac, "cam-" + std::to_string(c), "udhcp 1.24.1"));
    if (k < 5)
        return fx::ethernet_ipv4_udp(mac, "01:00:5e:7f:ff:fa", ip, "239.255.255.250", 1900, 1900,
            fx::as_bytes("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
                         "SERVER: Linux/3.0, UPnP/1.0, DH-SSDP/1.0\r\nLOCATION: http://" + ip + ":80/desc.xml\r\n\r\n"));
    if (k < 7)
        return fx::ethernet_ipv4_udp(mac, "01:00:5e:00:00:fb", ip, "224.0.0.251", 5353, 5353, fx::Bytes(120, 0));
    if (k < 9)
        return fx::ethernet_frame(mac, recorder_mac, 0x0800, fx::ipv4_tcp(ip, "10.20.0.1", 80, static_cast<std::uint16_t>(40000 + n % 20000), n,
            fx::tcp_flag::psh | fx::tcp_flag::ack | fx::tcp_flag::fin, fx::as_bytes("HTTP/1.1 401 Unauthorized\r\nServer: App-webs/\r\n"
            "WWW-Authenticate: Digest realm=\"IP Camera(C1234)\"\r\n\r\n")));
    if (k < 10)
        return fx::ethernet_frame(mac, recorder_mac, 0x0800, fx::ipv4_tcp(ip, "10.20.0.1", 554, static_cast<std::uint16_t>(40000 + n % 20000), n,
            fx::tcp_flag::psh | fx::tcp_flag::ack | fx::tcp_flag::fin, fx::as_bytes("RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\n\r\n")));
    fx::Bytes rtp(1200, 0);
    rtp[0] = 0x80;
    rtp[1] = 96;
    rtp[2] = static_cast<std::uint8_t>(n >> 8);
    rtp[3] = static_cast<std::uint8_t>(n);
    return fx::ethernet_ipv4_udp(mac, recorder_mac, ip, "10.20.0.1", static_cast<std::uint16_t>(8000 + c), 50000, rtp);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: passive_capture FILE [PACKETS] [pcap|pcapng]\n");
        return 2;
    }
    const std::uint32_t packets = argc > 2 ? static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 10)) : 3'000'000;
    const auto format = argc > 3 && std::string(argv[3]) == "pcapng" ? fx::Format::pcapng : fx::Format::pcap;
    fx::PcapWriter writer(argv[1], fx::LinkType::ethernet, format);
    // A few hundred distinct frames, repeated: generating is not what is measured.
    std::vector<fx::Bytes> frames;
    for (int i = 0; i < 1000; ++i) frames.push_back(frame(i % 100, (i * 7) % cameras, static_cast<std::uint32_t>(i)));
    for (std::uint32_t n = 0; n < packets; ++n) writer.write(frames[(n * 37) % frames.size()], fx::default_time + n * 1e-5);
    std::printf("%u packets written to %s\n", packets, argv[1]);
    return 0;
}
