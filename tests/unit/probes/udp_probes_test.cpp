// Proves the WS-Discovery, SADP and DHIP probes: each request carries the exchange's id, an
// answer that echoes it is read into observations the shipped signatures turn into the right
// vendor, model, serial, firmware and MAC, and an answer naming another id is ignored.
#include <doctest/doctest.h>

#include <identify/identify.hpp>
#include <parse/dhip_answer.hpp>
#include <probes/dhip_probe.hpp>
#include <probes/sadp_probe.hpp>
#include <probes/wsd_probe.hpp>

#include <algorithm>
#include <string>

using camaudit::ProbeResult;
using camaudit::UdpExchange;

namespace {

const UdpExchange exchange{"127.0.0.9", "6b1d4f0e-2a37-4c59-9d1e-0c8a5f3e7b21"};

std::string sadp_reply(const std::string& uuid) {
    return R"(<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>)" + uuid +
           "</Uuid><Types>inquiry</Types><DeviceType>139881</DeviceType>"
           "<DeviceDescription>DS-2CD2042WD-I</DeviceDescription>"
           "<DeviceSN>DS-2CD2042WD-I20170321AAWR000000001</DeviceSN><MAC>02-12-34-56-78-aa</MAC>"
           "<SoftwareVersion>V5.5.0build 170725</SoftwareVersion></ProbeMatch>";
}

std::string wsd_reply(const std::string& relates_to) {
    return R"(<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">)"
           "<e:Header><a:RelatesTo>" + relates_to + "</a:RelatesTo></e:Header><e:Body><d:ProbeMatches><d:ProbeMatch>"
           "<a:EndpointReference><a:Address>urn:uuid:x</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>"
           "<d:Scopes>onvif://www.onvif.org/hardware/DS-2CD2385G1-I onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I</d:Scopes>"
           "<d:XAddrs>http://127.0.0.9/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>";
}

// What identification makes of a probe's observations (stamped as the UDP sweep stamps them).
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

}  // namespace

TEST_CASE("sadp: the inquiry carries the exchange id, an echoing ProbeMatch names Hikvision with model, serial, firmware, MAC") {
    const auto& probe = camaudit::probes::sadp_probe;
    const auto request = probe.request(exchange);
    CHECK(request.find("<Uuid>6B1D4F0E-2A37-4C59-9D1E-0C8A5F3E7B21</Uuid>") != std::string::npos);
    const auto result = probe.interpret(sadp_reply("6B1D4F0E-2A37-4C59-9D1E-0C8A5F3E7B21"), exchange);
    CHECK(result.errors.empty());
    REQUIRE_FALSE(result.observations.empty());
    check_declared(result, probe);
    const auto device = identified(result, probe);
    CHECK(device.vendor == "Hikvision");
    CHECK(device.model == "DS-2CD2042WD-I");
    CHECK(device.serial == "DS-2CD2042WD-I20170321AAWR000000001");
    CHECK(device.firmware == "V5.5.0build 170725");
    CHECK(device.mac == "02:12:34:56:78:aa");
    CHECK(device.device_type == "camera");
    CHECK(device.confidence >= 0.85);
}

TEST_CASE("sadp: a ProbeMatch with another Uuid is ignored and says why, other bytes are no answer") {
    const auto forged = camaudit::probes::sadp_probe.interpret(sadp_reply("00000000-0000-4000-8000-000000000000"), exchange);
    CHECK(forged.observations.empty());
    REQUIRE(forged.errors.size() == 1);
    CHECK(forged.errors[0].message.find("Uuid") != std::string::npos);
    const auto garbage = camaudit::probes::sadp_probe.interpret("\x01\x02garbage", exchange);
    CHECK(garbage.observations.empty());
    CHECK(garbage.errors.empty());
}

TEST_CASE("wsd: the Probe carries urn:uuid:<id>, only ProbeMatches relating to it count") {
    const auto& probe = camaudit::probes::wsd_probe;
    const auto request = probe.request(exchange);
    CHECK(request.find("<a:MessageID>urn:uuid:" + exchange.message_id + "</a:MessageID>") != std::string::npos);
    const auto ours = probe.interpret(wsd_reply("urn:uuid:" + exchange.message_id), exchange);
    REQUIRE_FALSE(ours.observations.empty());
    check_declared(ours, probe);
    const auto device = identified(ours, probe);
    CHECK(device.vendor == "Hikvision");
    CHECK(device.model == "DS-2CD2385G1-I");
    const auto forged = probe.interpret(wsd_reply("urn:uuid:00000000-0000-4000-8000-000000000000"), exchange);
    CHECK(forged.observations.empty());
    CHECK(forged.errors.size() == 1);
}

TEST_CASE("dhip: the search datagram is DHDiscover.search, an answer names Dahua with brand, model, serial, MAC") {
    const auto& probe = camaudit::probes::dhip_probe;
    CHECK(probe.request(exchange) == camaudit::parse::dhip_search_request());
    const auto reply = camaudit::parse::dhip_datagram(
        R"({"mac":"00:1f:54:a9:6c:12","method":"client.notifyDevInfo","params":{"deviceInfo":{"DeviceClass":"IPC",)"
        R"("DeviceType":"W461ASC","SerialNo":"ND0123456789012","Vendor":"Lorex","Manufacturer":"Private","Version":"2.800.030000000.3.R"}}})");
    const auto result = probe.interpret(reply, exchange);
    REQUIRE_FALSE(result.observations.empty());
    check_declared(result, probe);
    const auto device = identified(result, probe);
    CHECK(device.vendor == "Dahua");
    CHECK(device.brand == "Lorex");
    CHECK(device.model == "W461ASC");
    CHECK(device.serial == "ND0123456789012");
    CHECK(device.firmware == "2.800.030000000.3.R");
    CHECK(device.mac == "00:1f:54:a9:6c:12");
    CHECK(device.device_type == "camera");
    CHECK(probe.interpret("not dhip", exchange).observations.empty());
}
