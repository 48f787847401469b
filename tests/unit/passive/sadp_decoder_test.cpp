// Proves the sadp decoder turns a SADP ProbeMatch heard on UDP 37020 into the sadp probe's
// observations about its sender (ip, port, MAC from the reply), and stays quiet on a
// client's inquiry and on junk.
#include "decoder_packets.hpp"

#include <passive/sadp_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::passive::sadp_decoder;

namespace {

// The DS-2CD2142FWD-I reply of research/devices/profiles.json (element order as sent).
const std::string probe_match = R"(<?xml version="1.0" encoding="UTF-8"?>
<ProbeMatch>
<Uuid>7621A503-49E6-4FBA-B3F8-CBE1F18E55F4</Uuid>
<Types>inquiry</Types>
<DeviceType>0</DeviceType>
<DeviceDescription>DS-2CD2142FWD-I</DeviceDescription>
<DeviceSN>DS-2CD2142FWD-I20170718AAWR781234567</DeviceSN>
<CommandPort>8000</CommandPort>
<HttpPort>80</HttpPort>
<MAC>44-19-b6-3a-7c-21</MAC>
<IPv4Address>192.168.1.64</IPv4Address>
<SoftwareVersion>V5.5.0build 170725</SoftwareVersion>
<DSPVersion>V7.3 build 170705</DSPVersion>
<Activated>true</Activated>
<OEMInfo>N/A</OEMInfo>
</ProbeMatch>)";

}  // namespace

TEST_CASE("sadp decoder: a multicast ProbeMatch names model, serial, firmware and MAC of its sender") {
    const auto packet = decoder_test::udp(37020, 37020, probe_match, true);
    REQUIRE(sadp_decoder.wants(packet));
    std::vector<camaudit::Observation> out;
    REQUIRE(sadp_decoder.decode(packet, out));
    std::map<std::string, std::string> values;
    for (const auto& o : out) {
        values[o.key] = o.value;
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.mac == "44:19:b6:3a:7c:21");
        CHECK(o.port == 37020);
        CHECK(o.proto == "udp");
        CHECK(o.probe == "passive:sadp");
    }
    CHECK(values["sadp.device_description"] == "DS-2CD2142FWD-I");
    CHECK(values["sadp.device_sn"] == "DS-2CD2142FWD-I20170718AAWR781234567");
    CHECK(values["sadp.software_version"] == "V5.5.0build 170725");
    CHECK(values["sadp.dsp_version"] == "V7.3 build 170705");
    CHECK(values["sadp.mac"] == "44:19:b6:3a:7c:21");
    CHECK(values["sadp.activated"] == "true");
    CHECK(values["sadp.oem_info"] == "N/A");
}

TEST_CASE("sadp decoder: every key it emits is one it declares") {
    const auto packet = decoder_test::udp(37020, 51000, probe_match, false);
    std::vector<camaudit::Observation> out;
    REQUIRE(sadp_decoder.decode(packet, out));
    for (const auto& o : out) {
        INFO(o.key);
        CHECK(decoder_test::declares(sadp_decoder, o.key));
    }
}

TEST_CASE("sadp decoder: an inquiry is SADP but says nothing, junk and other ports are refused") {
    const std::string inquiry = R"(<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>7621A503</Uuid><Types>inquiry</Types></Probe>)";
    std::vector<camaudit::Observation> out;
    const auto asked = decoder_test::udp(51000, 37020, inquiry, true);
    REQUIRE(sadp_decoder.wants(asked));
    CHECK(sadp_decoder.decode(asked, out));
    CHECK(out.empty());
    const std::string junk = "<ProbeMatch><Uuid>";
    CHECK_FALSE(sadp_decoder.decode(decoder_test::udp(37020, 37020, junk, true), out));
    CHECK(out.empty());
    CHECK_FALSE(sadp_decoder.wants(decoder_test::udp(37021, 37022, probe_match, true)));
    CHECK_FALSE(sadp_decoder.wants(decoder_test::udp(37020, 37020, "\x01\x02", true)));
    CHECK_FALSE(sadp_decoder.wants(decoder_test::tcp_from_server(37020, probe_match)));
}
