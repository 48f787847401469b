// Proves the UPnP device description reader: fields of the root and embedded devices, any
// namespace prefix, and refusal of DOCTYPEs, entities, HTML and oversized documents.
#include <doctest/doctest.h>

#include <parse/upnp_description.hpp>

#include <algorithm>
#include <string>

using namespace camaudit::parse;

namespace {

const std::string description = R"(<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>
    <friendlyName> Front door </friendlyName>
    <manufacturer>AXIS</manufacturer>
    <manufacturerURL>http://www.axis.com/</manufacturerURL>
    <modelDescription>AXIS M1065-LW Network Camera</modelDescription>
    <modelName>AXIS M1065-LW</modelName>
    <modelNumber>M1065-LW</modelNumber>
    <serialNumber>ACCC8E5A1C07</serialNumber>
    <UDN>uuid:Upnp-BasicDevice-1_0-ACCC8E5A1C07</UDN>
    <presentationURL>http://192.0.2.64/</presentationURL>
    <deviceList><device><deviceType>urn:x:device:Channel:1</deviceType><manufacturer>AXIS</manufacturer>
      <modelName>Channel 1</modelName></device></deviceList>
  </device>
</root>)";

}  // namespace

TEST_CASE("upnp: root and embedded device fields become upnp.description.* observations") {
    const auto parsed = parse_upnp_description(description);
    REQUIRE(parsed);
    REQUIRE(parsed->devices.size() == 2);
    CHECK(parsed->devices[0].field("manufacturer") == "AXIS");
    CHECK(parsed->devices[0].field("friendlyName") == "Front door");
    CHECK(parsed->devices[0].field("serialNumber") == "ACCC8E5A1C07");
    CHECK(parsed->devices[1].field("modelName") == "Channel 1");

    const auto obs = upnp_observations(*parsed, {}, 256);
    auto count = [&](std::string_view key) {
        return std::count_if(obs.begin(), obs.end(), [&](const auto& o) { return o.key == key; });
    };
    CHECK(count("upnp.description.manufacturer") == 1);  // the embedded repeat is dropped
    CHECK(count("upnp.description.model_name") == 2);
    CHECK(count("upnp.description.udn") == 1);
    CHECK(count("upnp.description.device_type") == 2);
}

TEST_CASE("upnp: prefixed elements are matched by local name") {
    const auto parsed = parse_upnp_description(
        R"(<u:root xmlns:u="urn:schemas-upnp-org:device-1-0"><u:device><u:manufacturer>Ubiquiti Networks</u:manufacturer>)"
        R"(<u:modelDescription>UniFi Dream Machine</u:modelDescription></u:device></u:root>)");
    REQUIRE(parsed);
    CHECK(parsed->devices[0].field("modelDescription") == "UniFi Dream Machine");
}

TEST_CASE("upnp: entities, DOCTYPEs, HTML, faults and broken XML are refused") {
    CHECK_FALSE(parse_upnp_description(""));
    CHECK_FALSE(parse_upnp_description("<html><body>Not Found</body></html>"));
    CHECK_FALSE(parse_upnp_description("<root><device><manufacturer>AXIS</manufacturer>"));
    CHECK_FALSE(parse_upnp_description("<root><specVersion/></root>"));
    CHECK_FALSE(parse_upnp_description(R"(<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>)"
                                       "<root><device><manufacturer>&x;</manufacturer></device></root>"));
    std::string deep = "<root><device>";
    for (int i = 0; i < 100; ++i) deep += "<a>";
    CHECK_FALSE(parse_upnp_description(deep));
    CHECK_FALSE(parse_upnp_description("<root><device><manufacturer>" + std::string(70000, 'a') +
                                       "</manufacturer></device></root>"));
}

TEST_CASE("upnp: embedded devices are capped") {
    std::string many = "<root><device><manufacturer>X</manufacturer><deviceList>";
    for (int i = 0; i < 40; ++i) many += "<device><modelName>M" + std::to_string(i) + "</modelName></device>";
    const auto parsed = parse_upnp_description(many + "</deviceList></device></root>");
    REQUIRE(parsed);
    CHECK(parsed->devices.size() == max_upnp_devices);
}
