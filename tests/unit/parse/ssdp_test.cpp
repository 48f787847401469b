// Proves the SSDP message parser: search responses and NOTIFYs read with their headers, any
// header case, bare LF lines, caps on lines and header count; LOCATION URLs split safely.
#include <doctest/doctest.h>

#include <parse/ssdp_message.hpp>

#include <algorithm>
#include <string>

using namespace camaudit::parse;

namespace {

const std::string axis_response =
    "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nDATE: Mon, 01 Jan 2024 08:00:00 GMT\r\nEXT:\r\n"
    "LOCATION: http://192.0.2.64:49152/rootDesc.xml\r\n"
    "SERVER: Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22\r\nST: upnp:rootdevice\r\n"
    "USN: uuid:4A7E0B52-1d3c-11b2-8000-0212345678aa::upnp:rootdevice\r\n\r\n";

}  // namespace

TEST_CASE("ssdp: a search response gives status, the usual headers and the uuid") {
    const auto parsed = parse_ssdp_message(axis_response);
    REQUIRE(parsed.outcome == SsdpParse::ok);
    const auto& m = parsed.message;
    CHECK(m.kind == SsdpKind::search_response);
    CHECK(m.status == 200);
    CHECK(m.server == "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22");
    CHECK(m.location == "http://192.0.2.64:49152/rootDesc.xml");
    CHECK(m.target == "upnp:rootdevice");
    CHECK(m.max_age == 1800u);
    CHECK(m.header("ext").empty());
    CHECK(m.header("Date") == "Mon, 01 Jan 2024 08:00:00 GMT");
    CHECK(m.uuid() == "uuid:4a7e0b52-1d3c-11b2-8000-0212345678aa");

    camaudit::Observation base;
    base.ip = "192.0.2.64";
    const auto obs = ssdp_observations(m, base, 256);
    REQUIRE(obs.size() == 5);
    CHECK(obs[0].key == "ssdp.header.server");
    CHECK(obs[3].key == "ssdp.header.st");
    CHECK(obs[4].key == "ssdp.uuid");
    CHECK(obs[4].ip == "192.0.2.64");
}

TEST_CASE("ssdp: a NOTIFY with lower-case names and bare LF, its NT becomes ssdp.header.nt") {
    const auto parsed = parse_ssdp_message("NOTIFY * HTTP/1.1\nhost: 239.255.255.250:1900\nnt: upnp:rootdevice\n"
                                           "nts: ssdp:alive\nserver: Linux UPnP/1.0 Huawei-ATP-IGD\nusn: uuid:x::upnp:rootdevice\n\n");
    REQUIRE(parsed.outcome == SsdpParse::ok);
    CHECK(parsed.message.kind == SsdpKind::notify);
    CHECK(parsed.message.nts == "ssdp:alive");
    CHECK(parsed.message.target == "upnp:rootdevice");
    const auto obs = ssdp_observations(parsed.message, {}, 256);
    CHECK(std::any_of(obs.begin(), obs.end(), [](const auto& o) { return o.key == "ssdp.header.nt"; }));
}

TEST_CASE("ssdp: other protocols are wrong_protocol, broken heads malformed, caps hold") {
    CHECK(parse_ssdp_message("").outcome == SsdpParse::wrong_protocol);
    CHECK(parse_ssdp_message("RTSP/1.0 200 OK\r\n\r\n").outcome == SsdpParse::wrong_protocol);
    CHECK(parse_ssdp_message("HTTP/1.1 abc OK\r\n\r\n").outcome == SsdpParse::wrong_protocol);
    CHECK(parse_ssdp_message(std::string("\x30\x82\x00\x10", 4)).outcome == SsdpParse::wrong_protocol);
    CHECK(parse_ssdp_message("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n").outcome == SsdpParse::malformed);
    CHECK(parse_ssdp_message("HTTP/1.1 200 OK\r\nX-Pad: " + std::string(60000, 'p') + "\r\n\r\n").outcome ==
          SsdpParse::malformed);
    std::string many = "HTTP/1.1 200 OK\r\n";
    for (std::size_t i = 0; i <= max_ssdp_header_fields; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
    CHECK(parse_ssdp_message(many + "\r\n").outcome == SsdpParse::malformed);
    // A head cut without its blank line is still read (devices omit it).
    CHECK(parse_ssdp_message("HTTP/1.1 200 OK\r\nSERVER: x").message.server == "x");
    // Invalid UTF-8 is repaired, never passed on.
    const auto bad = parse_ssdp_message("HTTP/1.1 200 OK\r\nSERVER: caf\xe9\r\n\r\n");
    CHECK(bad.message.server == "caf\xef\xbf\xbd");
}

TEST_CASE("ssdp: the M-SEARCH names host, MAN, MX and ST") {
    const auto search = ssdp_msearch("192.0.2.1:1900", "ssdp:all", 1);
    CHECK(search.rfind("M-SEARCH * HTTP/1.1\r\nHOST: 192.0.2.1:1900\r\n", 0) == 0);
    CHECK(search.find("MAN: \"ssdp:discover\"\r\n") != std::string::npos);
    CHECK(search.find("MX: 1\r\nST: ssdp:all\r\n") != std::string::npos);
    CHECK(search.substr(search.size() - 4) == "\r\n\r\n");
    const auto parsed = parse_ssdp_message(search);
    CHECK(parsed.outcome == SsdpParse::ok);
    CHECK(parsed.message.kind == SsdpKind::search);
}

TEST_CASE("ssdp: LOCATION URLs split into host, port and path, anything odd refused") {
    const auto plain = parse_location_url("http://192.0.2.64:49152/rootDesc.xml");
    REQUIRE(plain);
    CHECK(plain->host == "192.0.2.64");
    CHECK(plain->port == 49152);
    CHECK(plain->path == "/rootDesc.xml");
    CHECK(plain->host_is_ip);
    const auto v6 = parse_location_url("HTTP://[fe80::1]/desc.xml?x=1");
    REQUIRE(v6);
    CHECK(v6->host == "fe80::1");
    CHECK(v6->port == 80);
    CHECK(v6->path == "/desc.xml?x=1");
    CHECK(v6->host_is_ip);
    const auto name = parse_location_url("http://camera.local:80");
    REQUIRE(name);
    CHECK_FALSE(name->host_is_ip);
    CHECK(name->path == "/");
    CHECK_FALSE(parse_location_url("https://192.0.2.1/"));
    CHECK_FALSE(parse_location_url("file:///etc/passwd"));
    CHECK_FALSE(parse_location_url("http://user:pw@192.0.2.1/"));
    CHECK_FALSE(parse_location_url("http://192.0.2.1:0/"));
    CHECK_FALSE(parse_location_url("http://192.0.2.1:65536/"));
    CHECK_FALSE(parse_location_url("http://192.0.2.1:8o/"));
    CHECK_FALSE(parse_location_url("http:///x"));
    CHECK_FALSE(parse_location_url("http://[fe80::1/"));
}

TEST_CASE("ssdp: only a path that looks like a device description is one (issue 19)") {
    for (const char* good : {"/rootDesc.xml", "/description.xml", "/upnp/BasicDevice.XML", "/dev-1_a~b.xml"})
        CHECK_MESSAGE(is_description_path(good), good);
    for (const char* bad : {"/cgi-bin/reboot.cgi?action=reboot", "/rootDesc.xml?x=1", "/cgi-bin/desc.xml",
                            "/CGI-BIN/desc.xml", "/a/../admin.xml", "/desc.xml#top", "/%2e%2e/desc.xml",
                            "/", "/index.html", "/setup.cgi", "rootDesc.xml", "/desc\r\nX: y.xml"})
        CHECK_FALSE_MESSAGE(is_description_path(bad), bad);
    CHECK_FALSE(is_description_path("/" + std::string(260, 'a') + ".xml"));
}
