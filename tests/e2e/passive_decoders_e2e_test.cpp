// Proves the passive decoders end to end through the real binary: a capture made by the
// project's generator holds six devices, each heard through one protocol only (a Hikvision
// SADP announcement, a Dahua DHIP answer, an Axis WS-Discovery Hello, a Hikvision HTTP
// answer, a Dahua RTSP reply, a Hikvision TLS certificate), with MACs that name no maker;
// `camaudit passive --read` names every vendor from what each device sent.
#include "command.hpp"
#include "../unit/passive/decoder_packets.hpp"

#include <pcap_writer.hpp>

#include <parse/dhip_answer.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;
namespace fx = camaudit::fixtures;

namespace {

constexpr std::string_view client_mac = "02:00:00:00:01:01";
constexpr std::string_view client_ip = "192.168.1.10";

const std::string sadp_announcement = R"(<?xml version="1.0" encoding="UTF-8"?>
<ProbeMatch><Uuid>7621A503-49E6-4FBA-B3F8-CBE1F18E55F4</Uuid><Types>inquiry</Types><DeviceType>0</DeviceType>
<DeviceDescription>DS-2CD2142FWD-I</DeviceDescription><DeviceSN>DS-2CD2142FWD-I20170718AAWR781234567</DeviceSN>
<CommandPort>8000</CommandPort><HttpPort>80</HttpPort><MAC>02-00-00-00-00-64</MAC><IPv4Address>192.168.1.64</IPv4Address>
<SoftwareVersion>V5.5.0build 170725</SoftwareVersion><DSPVersion>V7.3 build 170705</DSPVersion><Activated>true</Activated></ProbeMatch>)";

const std::string dhip_answer = camaudit::parse::dhip_datagram(
    R"({"mac":"02:00:00:00:01:08","method":"client.notifyDevInfo","params":{"deviceInfo":{)"
    R"("DeviceClass":"IPC","DeviceType":"IPC-HDW5831R-ZE","SerialNo":"4X7C5A1ZAG2XXXX","Vendor":"Dahua",)"
    R"("Manufacturer":"Dahua","Version":"2.800.0000016.0.R","MachineName":"cam","Port":37777}}})");

const std::string axis_hello = R"(<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">
<env:Header><wsa:MessageID>urn:uuid:1c0ffee0-0000-4000-8000-000000000002</wsa:MessageID>
<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</wsa:Action></env:Header>
<env:Body><d:Hello><wsa:EndpointReference><wsa:Address>urn:uuid:7a2c3b10-5e1d-11e6-8000-accc8e5a1c07</wsa:Address></wsa:EndpointReference>
<d:Types>dn:NetworkVideoTransmitter</d:Types>
<d:Scopes>onvif://www.onvif.org/hardware/M1065-LW onvif://www.onvif.org/name/AXIS%20M1065-LW</d:Scopes>
<d:XAddrs>http://192.168.1.90/onvif/device_service</d:XAddrs><d:MetadataVersion>10</d:MetadataVersion></d:Hello></env:Body></env:Envelope>)";

const std::string hikvision_http =
    "HTTP/1.1 401 Unauthorized\r\nServer: App-webs/\r\nContent-Length: 0\r\n"
    "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e54\", stale=\"FALSE\"\r\n\r\n";

const std::string dahua_rtsp =
    "RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\n"
    "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER\r\n\r\n";

void multicast(fx::PcapWriter& writer, std::string_view mac, std::string_view ip, std::string_view group,
               std::string_view group_mac, std::uint16_t port, const std::string& payload) {
    const auto bytes = fx::as_bytes(payload);
    writer.write(fx::ethernet_ipv4_udp(mac, group_mac, ip, group, port, port, bytes));
}

// One TCP connection from the client to `server`: handshake, request, answer, FIN both ways.
void tcp_exchange(fx::PcapWriter& writer, std::string_view server_mac, std::string_view server, std::uint16_t port,
                  const std::string& request, const std::string& answer) {
    const auto send = [&](bool from_client, std::uint32_t seq, std::uint8_t flags, const std::string& data) {
        const auto payload = fx::as_bytes(data);
        const auto packet = from_client ? fx::ipv4_tcp(client_ip, server, 50123, port, seq, flags, payload)
                                        : fx::ipv4_tcp(server, client_ip, port, 50123, seq, flags, payload);
        writer.write(fx::ethernet_frame(from_client ? client_mac : server_mac, from_client ? server_mac : client_mac,
                                        0x0800, packet));
    };
    using namespace fx::tcp_flag;
    const std::uint32_t c = 1000, s = 5000;
    send(true, c, syn, "");
    send(false, s, syn | ack, "");
    send(true, c + 1, psh | ack, request);
    send(false, s + 1, psh | ack, answer);
    send(false, s + 1 + static_cast<std::uint32_t>(answer.size()), fin | ack, "");
    send(true, c + 1 + static_cast<std::uint32_t>(request.size()), fin | ack, "");
}

std::filesystem::path write_capture(const std::filesystem::path& dir) {
    const auto path = dir / "passive-decoders.pcap";
    fx::PcapWriter writer(path, fx::LinkType::ethernet);
    multicast(writer, "02:00:00:00:00:64", "192.168.1.64", "239.255.255.250", "01:00:5e:7f:ff:fa", 37020, sadp_announcement);
    multicast(writer, "02:00:00:00:01:08", "192.168.1.108", "239.255.255.251", "01:00:5e:7f:ff:fb", 37810, dhip_answer);
    multicast(writer, "02:00:00:00:00:90", "192.168.1.90", "239.255.255.250", "01:00:5e:7f:ff:fa", 3702, axis_hello);
    tcp_exchange(writer, "02:00:00:00:00:65", "192.168.1.65", 80, "GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: 192.168.1.65\r\n\r\n",
                 hikvision_http);
    tcp_exchange(writer, "02:00:00:00:01:09", "192.168.1.109", 554,
                 "OPTIONS rtsp://192.168.1.109/ RTSP/1.0\r\nCSeq: 1\r\n\r\n", dahua_rtsp);
    const std::string client_hello("\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00", 10);
    tcp_exchange(writer, "02:00:00:00:00:66", "192.168.1.66", 443, client_hello,
                 decoder_test::tls12_flight({decoder_test::certificate_der("HIKVISION", "192.168.1.66")}));
    writer.close();
    return path;
}

}  // namespace

TEST_CASE("passive --read names every vendor from SADP, DHIP, WS-Discovery, HTTP, RTSP and TLS alone") {
    const auto dir = fresh_temp_dir("passive-decoders");
    const auto capture = write_capture(dir);
    const auto report_path = dir / "report.json";
    const auto result = run_command(std::string(CAMAUDIT_BIN) + " passive --read " + capture.string() + " --out " +
                                    report_path.string() + " --quiet");
    INFO(result.err);
    REQUIRE(std::filesystem::exists(report_path));
    const json report = json::parse(read_file(report_path));
    CHECK(report.at("scan").at("mode") == "passive");
    std::map<std::string, std::string> vendor_by_ip;
    for (const auto& device : report.at("devices"))
        vendor_by_ip[device.value("ip", "")] = device.value("vendor", "");
    INFO(report.at("devices").dump(1));
    CHECK(vendor_by_ip["192.168.1.64"] == "Hikvision");
    CHECK(vendor_by_ip["192.168.1.108"] == "Dahua");
    CHECK(vendor_by_ip["192.168.1.90"] == "Axis");
    CHECK(vendor_by_ip["192.168.1.65"] == "Hikvision");
    CHECK(vendor_by_ip["192.168.1.109"] == "Dahua");
    CHECK(vendor_by_ip["192.168.1.66"] == "Hikvision");
    const auto& stats = report.at("scan").at("capture_stats");
    for (const char* decoder : {"sadp", "dhip", "wsd", "http", "rtsp", "tls"}) {
        INFO(decoder);
        CHECK(stats.value(std::string("decoded.") + decoder, 0) >= 1);
    }
    CHECK(result.exit_code == 1);  // Hikvision and Dahua are prohibited by the default policies
}
