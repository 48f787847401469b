// Proves the ssdp decoder turns a NOTIFY and an M-SEARCH answer heard on UDP 1900 into the
// ssdp probe's header observations about the sender, ignores a client's M-SEARCH, and
// refuses what is not SSDP.
#include "decoder_packets.hpp"

#include <passive/ssdp_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::passive::ssdp_decoder;

namespace {

// The NOTIFY of research/protocols.md 6.4.
const std::string notify =
    "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1810\r\n"
    "LOCATION: http://192.168.1.64/rootDesc.xml\r\nSERVER: Linux/3.10 UPnP/1.0 ExampleCam/1.0\r\n"
    "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nUSN: uuid:4a7e0b52-1d3c-11b2-8000-4419b63a7c21::upnp:rootdevice\r\n\r\n";

const std::string search_answer =
    "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://192.168.1.64:49152/rootDesc.xml\r\n"
    "SERVER: Linux/3.10 UPnP/1.0 ExampleCam/1.0\r\nST: upnp:rootdevice\r\n"
    "USN: uuid:4a7e0b52-1d3c-11b2-8000-4419b63a7c21::upnp:rootdevice\r\n\r\n";

std::map<std::string, std::string> decoded(const camaudit::Packet& packet, std::vector<camaudit::Observation>& out) {
    REQUIRE(ssdp_decoder.wants(packet));
    REQUIRE(ssdp_decoder.decode(packet, out));
    std::map<std::string, std::string> values;
    for (const auto& o : out) {
        values[o.key] = o.value;
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.probe == "passive:ssdp");
        INFO(o.key);
        CHECK(decoder_test::declares(ssdp_decoder, o.key));
    }
    return values;
}

}  // namespace

TEST_CASE("ssdp decoder: a multicast NOTIFY gives server, location, usn, nt and uuid with the frame MAC") {
    std::vector<camaudit::Observation> out;
    auto values = decoded(decoder_test::udp(1900, 1900, notify, true), out);
    CHECK(values["ssdp.header.server"] == "Linux/3.10 UPnP/1.0 ExampleCam/1.0");
    CHECK(values["ssdp.header.location"] == "http://192.168.1.64/rootDesc.xml");
    CHECK(values["ssdp.header.nt"] == "upnp:rootdevice");
    CHECK(values["ssdp.header.usn"] == "uuid:4a7e0b52-1d3c-11b2-8000-4419b63a7c21::upnp:rootdevice");
    CHECK(values.count("ssdp.uuid") == 1);
    for (const auto& o : out) {
        CHECK(o.mac == "44:19:b6:3a:7c:21");
        CHECK(o.context == "passive capture: SSDP NOTIFY");
    }
}

TEST_CASE("ssdp decoder: a unicast M-SEARCH answer gives its headers and no frame MAC") {
    std::vector<camaudit::Observation> out;
    auto values = decoded(decoder_test::udp(1900, 50000, search_answer, false), out);
    CHECK(values["ssdp.header.st"] == "upnp:rootdevice");
    CHECK(values["ssdp.header.location"] == "http://192.168.1.64:49152/rootDesc.xml");
    for (const auto& o : out) CHECK(o.mac.empty());
}

TEST_CASE("ssdp decoder: a client's M-SEARCH is SSDP without facts, other bytes are refused") {
    const std::string search = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: ssdp:all\r\n\r\n";
    std::vector<camaudit::Observation> out;
    const auto asked = decoder_test::udp(50000, 1900, search, true);
    REQUIRE(ssdp_decoder.wants(asked));
    CHECK(ssdp_decoder.decode(asked, out));
    CHECK(out.empty());
    CHECK_FALSE(ssdp_decoder.decode(decoder_test::udp(1900, 1900, "NOTIFY * HTTP/1.1\r\nno colon here\r\n\r\n", true), out));
    CHECK(out.empty());
    CHECK_FALSE(ssdp_decoder.wants(decoder_test::udp(1900, 1900, "<xml/>", true)));
    CHECK_FALSE(ssdp_decoder.wants(decoder_test::udp(3702, 3702, notify, true)));
}
