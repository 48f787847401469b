// Proves the wsd decoder turns the WS-Discovery a listener hears (a camera's Hello and Bye on
// the multicast group, a ProbeMatches answering someone else's Probe) into the wsd probe's
// observations, with the frame's MAC only when the sender is on-link for sure.
#include "decoder_packets.hpp"

#include <passive/wsd_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::passive::wsd_decoder;
using decoder_test::has;

namespace {

// The Hello of research/protocols.md 1.4 with the scopes of the AXIS M1065-LW profile.
const std::string axis_hello = R"(<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">
<env:Header><wsa:MessageID>urn:uuid:1c0ffee0-0000-4000-8000-000000000002</wsa:MessageID>
<wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>
<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</wsa:Action>
<d:AppSequence InstanceId="1706745600" MessageNumber="1"/></env:Header>
<env:Body><d:Hello>
<wsa:EndpointReference><wsa:Address>urn:uuid:7a2c3b10-5e1d-11e6-8000-accc8e5a1c07</wsa:Address></wsa:EndpointReference>
<d:Types>dn:NetworkVideoTransmitter</d:Types>
<d:Scopes>onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/hardware/M1065-LW onvif://www.onvif.org/name/AXIS%20M1065-LW onvif://www.onvif.org/location/</d:Scopes>
<d:XAddrs>http://192.168.1.64/onvif/device_service</d:XAddrs>
<d:MetadataVersion>10</d:MetadataVersion>
</d:Hello></env:Body></env:Envelope>)";

const std::string axis_bye = R"(<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">
<env:Header><wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Bye</wsa:Action></env:Header>
<env:Body><d:Bye><wsa:EndpointReference><wsa:Address>urn:uuid:7a2c3b10-5e1d-11e6-8000-accc8e5a1c07</wsa:Address></wsa:EndpointReference></d:Bye></env:Body></env:Envelope>)";

// A Hikvision ProbeMatches (tests/unit/parse/discovery_answers_test.cpp) answering another tool.
const std::string hikvision_matches = R"(<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">
<SOAP-ENV:Header><wsa:RelatesTo>urn:uuid:6b1d4f0e-2a37-4c59-9d1e-0c8a5f3e7b21</wsa:RelatesTo>
<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header>
<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>
<wsa:EndpointReference><wsa:Address>urn:uuid:4a7e0b52-1d3c-11b2-8000-4419b63a7c21</wsa:Address></wsa:EndpointReference>
<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>
<d:Scopes>onvif://www.onvif.org/MAC/44:19:B6:3A:7C:21 onvif://www.onvif.org/hardware/DS-2CD2142FWD-I</d:Scopes>
<d:XAddrs>http://192.168.1.64/onvif/device_service</d:XAddrs>
</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>)";

decoder_test::DecodedValues decoded(const camaudit::Packet& packet, std::vector<camaudit::Observation>& out) {
    return decoder_test::decoded_values(wsd_decoder, packet, out);
}

}  // namespace

TEST_CASE("wsd decoder: an Axis Hello on the group gives scopes, types, xaddr, endpoint and the frame MAC") {
    std::vector<camaudit::Observation> out;
    const auto values = decoded(decoder_test::udp(3702, 3702, axis_hello, true), out);
    CHECK(has(values, "wsd.scope", "onvif://www.onvif.org/name/AXIS M1065-LW"));
    CHECK(has(values, "wsd.scope", "onvif://www.onvif.org/hardware/M1065-LW"));
    CHECK(has(values, "wsd.types", "dn:NetworkVideoTransmitter"));
    CHECK(has(values, "wsd.xaddr", "http://192.168.1.64/onvif/device_service"));
    CHECK(has(values, "wsd.endpoint_reference", "urn:uuid:7a2c3b10-5e1d-11e6-8000-accc8e5a1c07"));
    for (const auto& o : out) {
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.mac == "44:19:b6:3a:7c:21");  // multicast: the sender is on the link
        CHECK(o.probe == "passive:wsd");
        CHECK(o.context == "passive capture: WS-Discovery Hello");
        CHECK(decoder_test::declares(wsd_decoder, o.key));
    }
}

TEST_CASE("wsd decoder: a Bye gives its endpoint reference") {
    std::vector<camaudit::Observation> out;
    const auto values = decoded(decoder_test::udp(3702, 3702, axis_bye, true), out);
    CHECK(values.size() == 1);
    CHECK(has(values, "wsd.endpoint_reference", "urn:uuid:7a2c3b10-5e1d-11e6-8000-accc8e5a1c07"));
}

TEST_CASE("wsd decoder: a unicast ProbeMatches to another tool is read, its MAC comes from the scope only") {
    std::vector<camaudit::Observation> out;
    const auto values = decoded(decoder_test::udp(3702, 49152, hikvision_matches, false), out);
    CHECK(has(values, "wsd.scope", "onvif://www.onvif.org/hardware/DS-2CD2142FWD-I"));
    for (const auto& o : out) CHECK(o.mac == "44:19:b6:3a:7c:21");
    std::string without_mac = axis_hello;
    std::vector<camaudit::Observation> unicast;
    decoded(decoder_test::udp(3702, 49152, without_mac, false), unicast);
    for (const auto& o : unicast) CHECK(o.mac.empty());  // routed unicast: the frame MAC is a router's
}

TEST_CASE("wsd decoder: a client's Probe is WS-Discovery without facts, junk and other ports are refused") {
    const std::string probe = R"(<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><Probe/></s:Body></s:Envelope>)";
    std::vector<camaudit::Observation> out;
    CHECK(wsd_decoder.decode(decoder_test::udp(49152, 3702, probe, true), out));
    CHECK(out.empty());
    CHECK_FALSE(wsd_decoder.decode(decoder_test::udp(3702, 3702, "<a><b>", true), out));
    CHECK_FALSE(wsd_decoder.decode(decoder_test::udp(3702, 3702, axis_hello.substr(0, 400), true), out));
    CHECK(out.empty());
    CHECK_FALSE(wsd_decoder.wants(decoder_test::udp(1900, 1900, axis_hello, true)));
    CHECK_FALSE(wsd_decoder.wants(decoder_test::udp(3702, 3702, "M-SEARCH * HTTP/1.1", true)));
}
