// Proves that ONVIF device-service answers become the observations signatures match (device
// information, scopes, clock, version, faults), and that HTML, DOCTYPE/entity tricks, oversized
// or deeply nested XML and the wrong response element yield nothing misleading.
#include "observation_values.hpp"

#include <doctest/doctest.h>
#include <parse/onvif_answer.hpp>
#include <parse/soap_envelope.hpp>

#include <string>
#include <vector>

using namespace camaudit;
using parse::OnvifCall;
using parse::OnvifOutcome;

namespace {

std::vector<std::string> values_of(const parse::OnvifAnswer& answer, std::string_view key) {
    return testing::values_of(answer.observations, key);
}

Observation base() {
    Observation o;
    o.ip = "127.0.1.9";
    o.port = 80;
    o.probe = "onvif";
    return o;
}

std::string envelope(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
           " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
           "<SOAP-ENV:Header/><SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

parse::OnvifAnswer answer(OnvifCall call, const std::string& body) {
    return parse::onvif_answer(call, body, base(), 4096);
}

}  // namespace

TEST_CASE("GetDeviceInformation gives the five fields, trimmed, empty ones left out") {
    const auto got = answer(OnvifCall::device_information, envelope(
        "<tds:GetDeviceInformationResponse><tds:Manufacturer> HIKVISION </tds:Manufacturer>"
        "<tds:Model>DS-2CD2142FWD-I</tds:Model><tds:FirmwareVersion>V5.5.0 build 170725</tds:FirmwareVersion>"
        "<tds:SerialNumber>DS-2CD2142FWD-I20170718AAWR781234567</tds:SerialNumber><tds:HardwareId></tds:HardwareId>"
        "</tds:GetDeviceInformationResponse>"));
    CHECK(got.outcome == OnvifOutcome::answered);
    CHECK(values_of(got, "onvif.device_information.manufacturer") == std::vector<std::string>{"HIKVISION"});
    CHECK(values_of(got, "onvif.device_information.model") == std::vector<std::string>{"DS-2CD2142FWD-I"});
    CHECK(values_of(got, "onvif.device_information.firmware") == std::vector<std::string>{"V5.5.0 build 170725"});
    CHECK(values_of(got, "onvif.device_information.serial").size() == 1);
    CHECK(values_of(got, "onvif.device_information.hardware_id").empty());
    CHECK(got.observations.front().ip == "127.0.1.9");
}

TEST_CASE("GetScopes gives one observation per scope item, predefined entities decoded") {
    const auto got = answer(OnvifCall::scopes, envelope(
        "<tds:GetScopesResponse><tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef>"
        "<tt:ScopeItem>onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I</tt:ScopeItem></tds:Scopes>"
        "<tds:Scopes><tt:ScopeDef>Configurable</tt:ScopeDef><tt:ScopeItem>onvif://www.onvif.org/location/a&amp;b</tt:ScopeItem></tds:Scopes>"
        "</tds:GetScopesResponse>"));
    CHECK(got.outcome == OnvifOutcome::answered);
    CHECK(values_of(got, "onvif.scopes") == std::vector<std::string>{
        "onvif://www.onvif.org/name/HIKVISION%20DS-2CD2385G1-I", "onvif://www.onvif.org/location/a&b"});
}

TEST_CASE("GetSystemDateAndTime gives the UTC clock, a device with only local time says so") {
    const std::string utc = "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
        "<tt:UTCDateTime><tt:Time><tt:Hour>9</tt:Hour><tt:Minute>5</tt:Minute><tt:Second>7</tt:Second></tt:Time>"
        "<tt:Date><tt:Year>2024</tt:Year><tt:Month>1</tt:Month><tt:Day>31</tt:Day></tt:Date></tt:UTCDateTime>"
        "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    CHECK(values_of(answer(OnvifCall::system_date_time, envelope(utc)), "onvif.system_date_time") ==
          std::vector<std::string>{"2024-01-31T09:05:07Z"});
    std::string local = utc;
    local.replace(local.find("UTCDateTime"), 11, "LocalDateTime");
    local.replace(local.rfind("UTCDateTime"), 11, "LocalDateTime");
    CHECK(values_of(answer(OnvifCall::system_date_time, envelope(local)), "onvif.system_date_time") ==
          std::vector<std::string>{"2024-01-31T09:05:07"});
}

TEST_CASE("GetCapabilities gives the highest supported ONVIF version") {
    const auto got = answer(OnvifCall::capabilities, envelope(
        "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:System>"
        "<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>0</tt:Minor></tt:SupportedVersions>"
        "<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions>"
        "</tt:System></tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>"));
    CHECK(values_of(got, "onvif.capabilities.version") == std::vector<std::string>{"2.60"});
}

TEST_CASE("a SOAP fault is reported by its subcode, else its code (SOAP 1.1 faultcode too)") {
    const auto refused = answer(OnvifCall::device_information, envelope(
        "<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value><SOAP-ENV:Subcode>"
        "<SOAP-ENV:Value>ter:NotAuthorized</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>"
        "<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang=\"en\">Sender not Authorized</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>"));
    CHECK(refused.outcome == OnvifOutcome::fault);
    CHECK(values_of(refused, "onvif.fault") == std::vector<std::string>{"ter:NotAuthorized"});
    const auto old = answer(OnvifCall::scopes, envelope("<Fault><faultcode>SOAP-ENV:Client</faultcode></Fault>"));
    CHECK(values_of(old, "onvif.fault") == std::vector<std::string>{"SOAP-ENV:Client"});
}

TEST_CASE("a web page, an empty body or other XML is not ONVIF and records nothing") {
    for (const std::string& body : {std::string("<html><body><h1>404 Not Found</h1></body></html>"), std::string(),
                                   std::string("not xml at all"), std::string("<?xml version=\"1.0\"?><config><a>1</a></config>")}) {
        INFO(body);
        const auto got = answer(OnvifCall::system_date_time, body);
        CHECK(got.outcome == OnvifOutcome::not_onvif);
        CHECK(got.observations.empty());
    }
}

TEST_CASE("DOCTYPE and entity declarations are refused before parsing (no entity expansion)") {
    const std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY a \"HIKVISION\">]>" +
        envelope("<tds:GetDeviceInformationResponse><tds:Manufacturer>&a;</tds:Manufacturer></tds:GetDeviceInformationResponse>")
            .substr(39);
    const auto got = answer(OnvifCall::device_information, bomb);
    CHECK(got.outcome == OnvifOutcome::malformed);
    CHECK(got.observations.empty());
}

TEST_CASE("oversized, too deep, broken or mismatched answers are malformed and record nothing") {
    const std::string padding(parse::max_soap_bytes, ' ');
    std::string deep;
    for (std::size_t i = 0; i < parse::max_soap_depth + 5; ++i) deep += "<a>";
    for (std::size_t i = 0; i < parse::max_soap_depth + 5; ++i) deep += "</a>";
    const std::vector<std::string> bodies = {
        envelope("<tds:GetScopesResponse/>") + padding,
        envelope("<tds:GetScopesResponse>" + deep + "</tds:GetScopesResponse>"),
        envelope("<tds:GetScopesResponse><unclosed>"),
        envelope("<tds:GetScopesResponse/>"),  // asked for GetDeviceInformation
        "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body/></env:Envelope>",
    };
    for (const auto& body : bodies) {
        const auto got = answer(OnvifCall::device_information, body);
        CHECK(got.outcome == OnvifOutcome::malformed);
        CHECK(got.observations.empty());
    }
}

TEST_CASE("values are valid UTF-8 and capped") {
    const auto got = parse::onvif_answer(OnvifCall::device_information, envelope(
        "<tds:GetDeviceInformationResponse><tds:Model>" + std::string(300, 'M') + "</tds:Model>"
        "<tds:Manufacturer>\xff\xfeVendor</tds:Manufacturer></tds:GetDeviceInformationResponse>"), base(), 64);
    CHECK(values_of(got, "onvif.device_information.model").at(0).size() <= 64);
    CHECK(values_of(got, "onvif.device_information.manufacturer").at(0).find("Vendor") != std::string::npos);
}

TEST_CASE("the requests are SOAP 1.2 envelopes naming the device-service operation") {
    const auto request = parse::onvif_request(OnvifCall::capabilities);
    CHECK(request.find("http://www.w3.org/2003/05/soap-envelope") != std::string::npos);
    CHECK(request.find("<GetCapabilities xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Category>All</Category>") !=
          std::string::npos);
    CHECK(parse::parse_soap_envelope(request).status == parse::SoapStatus::ok);
    CHECK(parse::parse_soap_envelope(request).payload.name == "GetCapabilities");
}
