// Proves the WS-Discovery, SADP and DHIP parsers turn real-format answers into the observations
// signatures need (model, serial, firmware, MAC, scopes) and refuse hostile XML and framing.
#include <parse/dhip_answer.hpp>
#include <parse/sadp_answer.hpp>
#include <parse/wsd_answer.hpp>

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace camaudit::parse;

namespace {

const std::string probe_matches = R"(<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">
<SOAP-ENV:Header><wsa:MessageID>urn:uuid:1c0ffee0-0000-4000-8000-000000000001</wsa:MessageID>
<wsa:RelatesTo>urn:uuid:6b1d4f0e-2a37-4c59-9d1e-0c8a5f3e7b21</wsa:RelatesTo>
<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header>
<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>
<wsa:EndpointReference><wsa:Address>urn:uuid:4a7e0b52-1d3c-11b2-8000-0212345678aa</wsa:Address></wsa:EndpointReference>
<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>
<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/MAC/58:50:ED:1F:E3:85 onvif://www.onvif.org/hardware/DS-2CD2385G1-I onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I</d:Scopes>
<d:XAddrs>http://192.0.2.64/onvif/device_service http://[fe80::1]/onvif/device_service</d:XAddrs>
</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>)";

const std::string sadp_match = R"(<?xml version="1.0" encoding="UTF-8"?>
<ProbeMatch><Uuid>9E2C4A7B-5D1F-4E38-A6B0-3C7D8E9F1A2B</Uuid><Types>inquiry</Types>
<DeviceType>139881</DeviceType><DeviceDescription>DS-2CD2042WD-I</DeviceDescription>
<DeviceSN>DS-2CD2042WD-I20170321AAWR000000001</DeviceSN><MAC>02-12-34-56-78-AA</MAC>
<SoftwareVersion>V5.5.0build 170725</SoftwareVersion><DSPVersion>V7.3 build 170705</DSPVersion>
<UnknownFutureField>x</UnknownFutureField><Activated>true</Activated></ProbeMatch>)";

std::multimap<std::string, std::string> by_key(const std::vector<camaudit::Observation>& observations) {
    std::multimap<std::string, std::string> out;
    for (const auto& o : observations) out.emplace(o.key, o.value);
    return out;
}

}  // namespace

TEST_CASE("wsd: a ProbeMatches with any prefixes gives ids, decoded scopes, xaddrs and the scope MAC") {
    const auto answer = parse_wsd_answer(probe_matches);
    REQUIRE(answer.has_value());
    CHECK(answer->relates_to == "urn:uuid:6b1d4f0e-2a37-4c59-9d1e-0c8a5f3e7b21");
    REQUIRE(answer->matches.size() == 1);
    CHECK(answer->matches[0].xaddrs.size() == 2);
    camaudit::Observation base;
    base.ip = "127.0.0.5";
    const auto observations = wsd_observations(*answer, base, 4096);
    const auto keys = by_key(observations);
    CHECK(keys.count("wsd.scope") == 4);
    bool decoded = false;
    for (auto [it, end] = keys.equal_range("wsd.scope"); it != end; ++it)
        decoded |= it->second == "onvif://www.onvif.org/name/HIKVISION DS-2CD2385G1-I";
    CHECK(decoded);
    CHECK(keys.find("wsd.types")->second == "dn:NetworkVideoTransmitter tds:Device");
    CHECK(keys.find("wsd.endpoint_reference")->second == "urn:uuid:4a7e0b52-1d3c-11b2-8000-0212345678aa");
    for (const auto& o : observations) {
        CHECK(o.ip == "127.0.0.5");
        CHECK(o.mac == "58:50:ed:1f:e3:85");
    }
}

TEST_CASE("wsd: anything but a ProbeMatches envelope is not an answer") {
    CHECK_FALSE(parse_wsd_answer("").has_value());
    CHECK_FALSE(parse_wsd_answer("<Envelope><Body><Hello/></Body></Envelope>").has_value());
    CHECK_FALSE(parse_wsd_answer(std::string(100, '\xff')).has_value());
    CHECK_FALSE(parse_wsd_answer(probe_matches.substr(0, probe_matches.size() / 2)).has_value());
}

TEST_CASE("xml: DOCTYPE and entities are refused, depth and size are capped") {
    const std::string billion_laughs =
        R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>)"
        R"(<ProbeMatch><Uuid>&b;</Uuid></ProbeMatch>)";
    CHECK_FALSE(parse_sadp_answer(billion_laughs).has_value());
    std::string deep;
    for (int i = 0; i < 200; ++i) deep += "<a>";
    CHECK_FALSE(parse_wsd_answer("<Envelope><Body><ProbeMatches>" + deep + "</ProbeMatches></Body></Envelope>").has_value());
    CHECK_FALSE(parse_sadp_answer("<ProbeMatch><Uuid>" + std::string(70 * 1024, 'a') + "</Uuid></ProbeMatch>").has_value());
}

TEST_CASE("sadp: a ProbeMatch gives model, serial, firmware and a normalised MAC on every observation") {
    const auto answer = parse_sadp_answer(sadp_match);
    REQUIRE(answer.has_value());
    CHECK(answer->uuid == "9E2C4A7B-5D1F-4E38-A6B0-3C7D8E9F1A2B");
    CHECK(answer->mac == "02:12:34:56:78:aa");
    const auto observations = sadp_observations(*answer, {}, 4096);
    const auto keys = by_key(observations);
    CHECK(keys.find("sadp.device_description")->second == "DS-2CD2042WD-I");
    CHECK(keys.find("sadp.device_sn")->second == "DS-2CD2042WD-I20170321AAWR000000001");
    CHECK(keys.find("sadp.software_version")->second == "V5.5.0build 170725");
    CHECK(keys.find("sadp.mac")->second == "02:12:34:56:78:aa");
    CHECK(keys.count("sadp.activated") == 1);
    for (const auto& o : observations) CHECK(o.mac == "02:12:34:56:78:aa");
    CHECK_FALSE(parse_sadp_answer("<Probe><Uuid>x</Uuid><Types>inquiry</Types></Probe>").has_value());
}

TEST_CASE("sadp: the inquiry carries our Uuid and only the read-only inquiry type") {
    const auto inquiry = sadp_inquiry("ABC-123");
    CHECK(inquiry.find("<Uuid>ABC-123</Uuid>") != std::string::npos);
    CHECK(inquiry.find("<Types>inquiry</Types>") != std::string::npos);
}

TEST_CASE("mac: dash, colon and bare forms normalise, anything else is empty") {
    CHECK(normalised_mac("C0-56-E3-5D-20-9B") == "c0:56:e3:5d:20:9b");
    CHECK(normalised_mac("c0:56:e3:5d:20:9b") == "c0:56:e3:5d:20:9b");
    CHECK(normalised_mac("c056e35d209b") == "c0:56:e3:5d:20:9b");
    CHECK(normalised_mac("c0-56-e3-5d-20").empty());
    CHECK(normalised_mac("zz-56-e3-5d-20-9b").empty());
    CHECK(normalised_mac("c0-56-e3-5d-20-9b-11").empty());
}

TEST_CASE("dhip: the search datagram has the 32-byte little-endian header of the research") {
    const auto request = dhip_search_request();
    REQUIRE(request.size() == 91);
    CHECK(request.substr(0, 8) == std::string("\x20\0\0\0DHIP", 8));
    CHECK(static_cast<unsigned char>(request[16]) == 0x3b);
    CHECK(static_cast<unsigned char>(request[24]) == 0x3b);
    CHECK(request.substr(32).starts_with(R"({"method":"DHDiscover.search")"));
}

TEST_CASE("dhip: a notifyDevInfo answer gives model, class, serial, vendor, version and MAC") {
    const std::string body =
        R"({"mac":"3C:EF:8C:A1:5B:60","method":"client.notifyDevInfo","params":{"deviceInfo":{)"
        R"("DeviceClass":"IPC","DeviceType":"IPC-HDW5831R-ZE","SerialNo":"4X7C5A1ZAG2XXXX","Vendor":"General",)"
        R"("Manufacturer":"Private","Version":"2.800.0000016.0.R","MachineName":"cam","Port":37777}}})";
    const auto answer = parse_dhip_answer(dhip_datagram(body + std::string("\n\0\0", 3)));
    REQUIRE(answer.has_value());
    CHECK(answer->mac == "3c:ef:8c:a1:5b:60");
    const auto observations = dhip_observations(*answer, {}, 4096);
    const auto keys = by_key(observations);
    CHECK(keys.find("dhip.device_type")->second == "IPC-HDW5831R-ZE");
    CHECK(keys.find("dhip.device_class")->second == "IPC");
    CHECK(keys.find("dhip.serial")->second == "4X7C5A1ZAG2XXXX");
    CHECK(keys.find("dhip.vendor")->second == "General");
    CHECK(keys.find("dhip.version")->second == "2.800.0000016.0.R");
    CHECK(keys.find("dhip.mac")->second == "3c:ef:8c:a1:5b:60");
    for (const auto& o : observations) CHECK(o.mac == "3c:ef:8c:a1:5b:60");
}

TEST_CASE("dhip: bad framing, lying lengths, other methods and broken JSON are not answers") {
    const std::string good = dhip_datagram(R"({"method":"client.notifyDevInfo","params":{}})");
    CHECK(parse_dhip_answer(good).has_value());
    CHECK_FALSE(parse_dhip_answer(good.substr(0, 31)).has_value());
    std::string bad_magic = good;
    bad_magic[4] = 'X';
    CHECK_FALSE(parse_dhip_answer(bad_magic).has_value());
    std::string too_long = good;
    too_long[17] = '\x7f';  // body length far beyond the datagram
    CHECK_FALSE(parse_dhip_answer(too_long).has_value());
    CHECK_FALSE(parse_dhip_answer(dhip_datagram(R"({"method":"DHDiscover.search"})")).has_value());
    CHECK_FALSE(parse_dhip_answer(dhip_datagram(R"({"method":"client.notifyDevInfo")")).has_value());
}
