// Proves the SSDP, SNMP and mDNS probes: each request is the protocol's (M-SEARCH, a v2c GET
// with the configured community and an id tied to the exchange, a DNS-SD query), answers become
// observations the shipped signatures name correctly, and answers with another id, broken
// bytes or other protocols are ignored (with an error where something was wrong).
#include <doctest/doctest.h>

#include <identify/identify.hpp>
#include <parse/dns_message.hpp>
#include <parse/snmp_ber.hpp>
#include <probes/mdns_probe.hpp>
#include <probes/registry.hpp>
#include <probes/snmp_engine_probe.hpp>
#include <probes/snmp_probe.hpp>
#include <probes/ssdp_probe.hpp>

#include <algorithm>
#include <map>
#include <string>

using camaudit::ProbeResult;
using camaudit::UdpExchange;

namespace {

const UdpExchange exchange{"127.0.0.9", "6b1d4f0e-2a37-4c59-9d1e-0c8a5f3e7b21"};

camaudit::Device identified(ProbeResult result, const camaudit::UdpProbe& probe) {
    for (auto& o : result.observations) {
        o.ip = exchange.ip;
        o.port = probe.port;
        o.proto = "udp";
        o.probe = std::string(probe.name);
    }
    const auto knowledge = camaudit::identify::load_knowledge(CAMAUDIT_SOURCE_DATA_DIR);
    const auto devices = camaudit::identify::identify_devices(result.observations, *knowledge);
    REQUIRE(devices.size() == 1);
    return devices.front();
}

void check_declared(const ProbeResult& result, const camaudit::UdpProbe& probe) {
    for (const auto& o : result.observations) {
        INFO(probe.name, " emitted ", o.key);
        CHECK(std::find(probe.emits.begin(), probe.emits.end(), o.key) != probe.emits.end());
    }
}

std::string snmp_response(std::int64_t request_id, const std::string& descr, const std::string& oid) {
    using namespace camaudit::parse;
    auto tlv = [](int tag, const std::string& body) {  // short or one-octet long form
        const std::string length = body.size() < 0x80 ? std::string(1, static_cast<char>(body.size()))
                                                       : std::string{'\x81', static_cast<char>(body.size())};
        return std::string(1, static_cast<char>(tag)) + length + body;
    };
    auto oid_tlv = [&](std::string_view dotted) { return tlv(0x06, *encode_oid(dotted)); };
    std::string id_bytes;
    for (int shift = 24; shift >= 0; shift -= 8) id_bytes += static_cast<char>((request_id >> shift) & 0xff);
    const std::string varbinds = tlv(0x30, oid_tlv(oid_sys_descr) + tlv(0x04, descr)) +
                                 tlv(0x30, oid_tlv(oid_sys_object_id) + oid_tlv(oid));
    const std::string pdu = tlv(0x02, id_bytes) + tlv(0x02, std::string(1, '\0')) + tlv(0x02, std::string(1, '\0')) +
                            tlv(0x30, varbinds);
    return tlv(0x30, tlv(0x02, "\x01") + tlv(0x04, "public") + tlv(0xa2, pdu));
}

}  // namespace

TEST_CASE("ssdp: the unicast M-SEARCH targets the address, a search response names Axis") {
    const auto& probe = camaudit::probes::ssdp_probe;
    const auto request = probe.request(exchange);
    CHECK(request.rfind("M-SEARCH * HTTP/1.1\r\nHOST: 127.0.0.9:1900\r\n", 0) == 0);
    CHECK(request.find("ST: ssdp:all\r\n") != std::string::npos);
    CHECK(request.find("MX: 1\r\n") != std::string::npos);
    const auto v6 = probe.request(UdpExchange{"fe80::1", "x"});
    CHECK(v6.find("HOST: [fe80::1]:1900\r\n") != std::string::npos);

    const auto result = probe.interpret(
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://127.0.0.9:80/rootdesc1.xml\r\n"
        "SERVER: Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22\r\nST: upnp:rootdevice\r\n"
        "USN: uuid:Upnp-BasicDevice-1_0-ACCC8E5A1C07::upnp:rootdevice\r\n\r\n",
        exchange);
    CHECK(result.errors.empty());
    CHECK(result.service == "ssdp");
    REQUIRE(result.observations.size() == 5);
    check_declared(result, probe);
    CHECK(identified(result, probe).vendor == "Axis");
}

TEST_CASE("ssdp: NOTIFYs, searches and other protocols are no answer, a broken head is an error") {
    const auto& probe = camaudit::probes::ssdp_probe;
    CHECK(probe.interpret("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\n\r\n", exchange).observations.empty());
    CHECK(probe.interpret(probe.request(exchange), exchange).observations.empty());
    const auto other = probe.interpret("\x30\x10garbage", exchange);
    CHECK(other.observations.empty());
    CHECK(other.errors.empty());
    const auto huge = probe.interpret("HTTP/1.1 200 OK\r\nX-Pad: " + std::string(61440, 'p') + "\r\n\r\n", exchange);
    CHECK(huge.observations.empty());
    CHECK(huge.errors.size() == 1);
}

TEST_CASE("snmp: the GET carries the community from ProbeData and an id from the exchange") {
    const auto& probe = camaudit::probes::snmp_probe;
    camaudit::ProbeData data;
    data.snmp_community = "s3cret-ro";
    const UdpExchange with_data{exchange.ip, exchange.message_id, &data};
    const auto parsed = camaudit::parse::parse_snmp_message(probe.request(with_data));
    REQUIRE(parsed.outcome == camaudit::parse::SnmpParse::ok);
    CHECK(parsed.message.community == "s3cret-ro");
    CHECK(parsed.message.version == 1);
    CHECK(parsed.message.request_id == camaudit::probes::snmp_request_id(exchange));
    REQUIRE(parsed.message.varbinds.size() == 3);
    CHECK(camaudit::parse::parse_snmp_message(probe.request(exchange)).message.community == "public");
    const UdpExchange other{exchange.ip, "another-id"};
    CHECK(camaudit::probes::snmp_request_id(other) != camaudit::probes::snmp_request_id(exchange));
}

TEST_CASE("snmp: a GetResponse with our id names Axis with model and firmware, another id is ignored") {
    const auto& probe = camaudit::probes::snmp_probe;
    const std::string descr = "; AXIS M1065-LW; Network Camera; 9.80.1; Apr 29 2020 06:50; 70E; 1;";
    const auto result = probe.interpret(snmp_response(camaudit::probes::snmp_request_id(exchange), descr,
                                                      "1.3.6.1.4.1.368.4"), exchange);
    CHECK(result.errors.empty());
    CHECK(result.service == "snmp");
    REQUIRE(result.observations.size() == 2);
    check_declared(result, probe);
    const auto device = identified(result, probe);
    CHECK(device.vendor == "Axis");
    CHECK(device.model == "M1065-LW");
    CHECK(device.firmware == "9.80.1");
    CHECK(device.device_type == "camera");

    const auto hytera = identified(probe.interpret(snmp_response(camaudit::probes::snmp_request_id(exchange), "RD985",
                                                                 "1.3.6.1.4.1.40297.1.2.1"), exchange), probe);
    CHECK(hytera.vendor == "Hytera");

    const auto forged = probe.interpret(snmp_response(camaudit::probes::snmp_request_id(exchange) ^ 1, descr, "1.3.6.1.4.1.368"),
                                        exchange);
    CHECK(forged.observations.empty());
    REQUIRE(forged.errors.size() == 1);
    CHECK(forged.errors[0].message.find("request-id") != std::string::npos);
    CHECK(forged.errors[0].message.find("public") == std::string::npos);  // the community is never echoed
}

TEST_CASE("snmp: lying BER lengths are an error, other protocols no answer") {
    const auto& probe = camaudit::probes::snmp_probe;
    const std::string lying("\x30\x82\xff\xff\x02\x01\x01\x04\x06public\xa2\x84\x7f\xff\xff\xff\x02\x04", 23);
    const auto result = probe.interpret(lying, exchange);
    CHECK(result.observations.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message.find("malformed") != std::string::npos);
    CHECK(probe.interpret("HTTP/1.1 200 OK\r\n\r\n", exchange).errors.empty());
}

TEST_CASE("mdns: the query asks PTR for the DNS-SD list and camera types with our id") {
    const auto& probe = camaudit::probes::mdns_probe;
    const auto parsed = camaudit::parse::parse_dns_message(probe.request(exchange));
    REQUIRE(parsed.outcome == camaudit::parse::DnsParse::ok);
    CHECK(parsed.message.id == camaudit::probes::mdns_query_id(exchange));
    CHECK(parsed.message.id != 0);
    REQUIRE(parsed.message.questions.size() >= 3);
    CHECK(camaudit::parse::dotted(parsed.message.questions[0].name) == "_services._dns-sd._udp.local");
    CHECK(camaudit::parse::dotted(parsed.message.questions[1].name) == "_axis-video._tcp.local");
}

TEST_CASE("mdns: an answer echoing our id names Axis with model and serial, another id is ignored") {
    using namespace camaudit::parse;
    const auto& probe = camaudit::probes::mdns_probe;
    auto answer = [](std::uint16_t id) {
        auto u16 = [](unsigned v) { return std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xff)}; };
        auto name = [](std::initializer_list<std::string> labels) {
            std::string out;
            for (const auto& l : labels) out += static_cast<char>(l.size()) + l;
            return out + '\0';
        };
        const std::string rdata = name({"AXIS M1065-LW - ACCC8E5A1C07", "_axis-video", "_tcp", "local"});
        return u16(id) + u16(0x8400) + u16(0) + u16(1) + u16(0) + u16(0) + name({"_axis-video", "_tcp", "local"}) +
               u16(12) + u16(1) + std::string(4, '\x01') + u16(static_cast<unsigned>(rdata.size())) + rdata;
    };
    const auto result = probe.interpret(answer(camaudit::probes::mdns_query_id(exchange)), exchange);
    CHECK(result.errors.empty());
    REQUIRE(result.observations.size() == 1);
    check_declared(result, probe);
    const auto device = identified(result, probe);
    CHECK(device.vendor == "Axis");
    CHECK(device.model == "M1065-LW");
    CHECK(device.serial == "ACCC8E5A1C07");

    const auto forged = probe.interpret(answer(static_cast<std::uint16_t>(camaudit::probes::mdns_query_id(exchange) + 1)), exchange);
    CHECK(forged.observations.empty());
    CHECK(forged.errors.size() == 1);
    CHECK(probe.interpret(probe.request(exchange), exchange).observations.empty());  // a query, not an answer
    CHECK(probe.interpret(std::string(40, '\xff'), exchange).errors.size() == 1);
}

TEST_CASE("udp probes: each names the multicast group discover sends it to, mDNS its own") {
    const auto groups = [] {
        std::map<std::string, std::string> out;
        for (const auto* probe : camaudit::probes::all_udp_probes()) out[std::string(probe->name)] = std::string(probe->multicast_group);
        return out;
    }();
    // The groups of ../shared/research/protocols.md's table; Dahua's is .251, not SSDP's .250.
    CHECK(groups.at("mdns") == "224.0.0.251");
    CHECK(groups.at("dhip") == "239.255.255.251");
    for (const std::string name : {"wsd", "sadp", "ssdp"}) {
        INFO(name);
        CHECK(groups.at(name) == "239.255.255.250");
    }
    CHECK(groups.at("snmp").empty());  // unicast only: an SNMP agent does not listen on a group
}

TEST_CASE("mdns: one query asks every camera type of research §8.3, so instances come without a follow-up") {
    const auto parsed = camaudit::parse::parse_dns_message(camaudit::probes::mdns_probe.request(exchange));
    REQUIRE(parsed.outcome == camaudit::parse::DnsParse::ok);
    std::vector<std::string> asked;
    for (const auto& question : parsed.message.questions) {
        CHECK(question.type == camaudit::parse::dns_type::ptr);
        asked.push_back(camaudit::parse::dotted(question.name));
    }
    for (const std::string type : {"_axis-video._tcp.local", "_axis-nvr._tcp.local", "_CGI._tcp.local", "_psia._tcp.local",
                                   "_arec._tcp.local", "_hap._tcp.local", "_rtsp._tcp.local", "_http._tcp.local"}) {
        INFO(type);
        CHECK(std::find(asked.begin(), asked.end(), type) != asked.end());
    }
    CHECK(camaudit::probes::mdns_probe.request(exchange).size() < 512);  // one legacy-unicast datagram (RFC 6762 §6.7)
}

namespace {

std::string ber(char tag, const std::string& body) { return std::string(1, tag) + static_cast<char>(body.size()) + body; }

std::string ber_integer(std::uint32_t value) {
    std::string body;
    do body.insert(body.begin(), static_cast<char>(value & 0xff)), value >>= 8;
    while (value > 0 || (body.front() & 0x80));
    return ber('\x02', body);
}

// A Report as an agent sends it to engine discovery, for `msg_id`, from `engine`.
std::string v3_report(std::uint32_t msg_id, const std::string& engine) {
    const std::string no_auth = ber('\x04', std::string(1, '\0')), empty = ber('\x04', "");
    const std::string global = ber('\x30', ber_integer(msg_id) + ber_integer(65507) + no_auth + ber_integer(3));
    const std::string usm = ber('\x30', ber('\x04', engine) + ber_integer(1) + ber_integer(1000) + empty + empty + empty);
    const std::string report = ber('\xa8', ber_integer(msg_id + 1) + ber_integer(0) + ber_integer(0) + ber('\x30', ""));
    return ber('\x30', ber_integer(3) + global + ber('\x04', usm) + ber('\x30', ber('\x04', engine) + ber('\x04', "") + report));
}

}  // namespace

TEST_CASE("snmp_engine: a v3 request without credentials; the Report's enterprise names Hikvision") {
    const auto& probe = camaudit::probes::snmp_engine_probe;
    const auto request = camaudit::parse::parse_snmp_v3_message(probe.request(exchange));
    REQUIRE(request.outcome == camaudit::parse::SnmpParse::ok);
    CHECK(request.message.msg_id == camaudit::probes::snmp_engine_msg_id(exchange));
    CHECK(request.message.engine_id.empty());  // no engine, no user: nothing secret is sent
    CHECK(probe.request(exchange).find("public") == std::string::npos);

    const std::string hikvision_engine("\x80\x00\x98\xfd\x03\xc0\x56\xe3\x11\x22\x33", 11);  // PEN 39165, MAC c0:56:e3:…
    const auto ours = static_cast<std::uint32_t>(camaudit::probes::snmp_engine_msg_id(exchange));
    const auto result = probe.interpret(v3_report(ours, hikvision_engine), exchange);
    CHECK(result.errors.empty());
    CHECK(result.service == "snmp");
    check_declared(result, probe);
    CHECK(identified(result, probe).vendor == "Hikvision");

    const auto forged = probe.interpret(v3_report(ours + 7, hikvision_engine), exchange);
    CHECK(forged.observations.empty());
    CHECK(forged.errors.size() == 1);
    CHECK(probe.interpret(v3_report(ours, hikvision_engine).substr(0, 30), exchange).errors.size() == 1);
    CHECK(probe.interpret(camaudit::parse::snmp_get_request("public", 5, {}), exchange).errors.empty());  // v2c: not ours
}
