// Proves the lab's SSDP, SNMP and mDNS answers and the UPnP description entry: each answers
// only its protocol's request, SNMP only with the right community, mDNS echoing the id, and a
// profile's upnp_description is served over its HTTP.
#include <doctest/doctest.h>

#include <lab/discovery_replies.hpp>

#include <string>

using camaudit::lab::Profile;
using nlohmann::ordered_json;

namespace {

Profile profile_with(ordered_json data) {
    data["id"] = "test-device";
    return Profile{"test-device", std::move(data), {}};
}

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values) out += static_cast<char>(v);
    return out;
}

// v2c GetRequest, community `community`, request-id 0x1234, sysDescr.0 and sysName.0.
std::string get_request(const std::string& community) {
    const std::string varbinds = bytes({0x30, 0x0c, 0x06, 0x08, 0x2b, 6, 1, 2, 1, 1, 1, 0, 0x05, 0}) +
                                 bytes({0x30, 0x0c, 0x06, 0x08, 0x2b, 6, 1, 2, 1, 1, 5, 0, 0x05, 0});
    const std::string pdu = bytes({0x02, 0x02, 0x12, 0x34, 0x02, 1, 0, 0x02, 1, 0, 0x30, static_cast<int>(varbinds.size())}) + varbinds;
    const std::string body = bytes({0x02, 1, 1, 0x04, static_cast<int>(community.size())}) + community +
                             bytes({0xa0, static_cast<int>(pdu.size())}) + pdu;
    return bytes({0x30, static_cast<int>(body.size())}) + body;
}

}  // namespace

TEST_CASE("lab ssdp: an M-SEARCH gets SERVER, USN and LOCATION with the device's address") {
    const auto profile = profile_with({{"ssdp", {{"server", "Linux/4.9 UPnP/1.0 X/1"}, {"usn", "uuid:abc"},
                                                 {"location", "http://{address}:80/d.xml"}}}});
    const auto reply = camaudit::lab::ssdp_reply(profile, "127.0.1.9", "M-SEARCH * HTTP/1.1\r\nMAN: \"ssdp:discover\"\r\n\r\n");
    REQUIRE(reply);
    CHECK(reply->rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(reply->find("LOCATION: http://127.0.1.9:80/d.xml\r\n") != std::string::npos);
    CHECK(reply->find("USN: uuid:abc::upnp:rootdevice\r\n") != std::string::npos);
    CHECK_FALSE(camaudit::lab::ssdp_reply(profile, "127.0.1.9", "NOTIFY * HTTP/1.1\r\n\r\n"));
    const auto huge = profile_with({{"ssdp", {{"server", "x"}, {"pad_bytes", 61440}}}});
    CHECK(camaudit::lab::ssdp_reply(huge, "127.0.1.9", "M-SEARCH * ssdp:discover")->size() > 61440);
}

TEST_CASE("lab upnp: the description becomes an HTTP entry at its path") {
    auto profile = profile_with({{"http", ordered_json::array()},
                                 {"upnp_description", {{"path", "/d.xml"}, {"device", {{"manufacturer", "A&B"}, {"modelName", "M1"}}}}}});
    camaudit::lab::add_upnp_description_entry(profile);
    REQUIRE(profile.data["http"].size() == 1);
    const auto& entry = profile.data["http"][0];
    CHECK(entry["path"] == "/d.xml");
    CHECK(entry["body"].get<std::string>().find("<manufacturer>A&amp;B</manufacturer><modelName>M1</modelName>") !=
          std::string::npos);
}

TEST_CASE("lab snmp: answers the right community with the profile's values, silence otherwise") {
    const auto profile = profile_with({{"snmp", {{"sys_descr", "RD985"}}}});
    const auto reply = camaudit::lab::snmp_reply(profile, get_request("public"));
    REQUIRE(reply);
    CHECK(static_cast<unsigned char>((*reply)[0]) == 0x30);
    CHECK(reply->find(bytes({0xa2})) != std::string::npos);           // GetResponse
    CHECK(reply->find(bytes({0x02, 0x02, 0x12, 0x34})) != std::string::npos);  // request-id echoed
    CHECK(reply->find(bytes({0x04, 5}) + "RD985") != std::string::npos);
    CHECK(reply->find(bytes({0x80, 0x00})) != std::string::npos);      // sysName: noSuchObject
    CHECK_FALSE(camaudit::lab::snmp_reply(profile, get_request("private")));
    CHECK_FALSE(camaudit::lab::snmp_reply(profile, "garbage"));
    const auto lying = profile_with({{"snmp", {{"reply_hex", "30 82 ff ff"}}}});
    CHECK(camaudit::lab::snmp_reply(lying, "anything") == bytes({0x30, 0x82, 0xff, 0xff}));
}

TEST_CASE("lab mdns: a PTR query for a listed type gets PTR, SRV, TXT and A with the id echoed") {
    const auto profile = profile_with({{"mdns", {{"services", {{{"type", "_axis-video._tcp.local"},
        {"instance", "AXIS M1065-LW - ACCC8E5A1C07"}, {"port", 80}, {"host", "axis.local"}, {"txt", {"macaddress=ACCC8E5A1C07"}}}}}}}});
    const std::string query = bytes({0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}) + "\x0b_axis-video\x04_tcp\x05local" +
                              bytes({0, 0, 12, 0, 1});
    const auto reply = camaudit::lab::mdns_reply(profile, "127.0.1.9", query);
    REQUIRE(reply);
    CHECK(reply->substr(0, 4) == bytes({0x12, 0x34, 0x84, 0x00}));
    CHECK(reply->substr(6, 6) == bytes({0, 1, 0, 0, 0, 3}));  // 1 answer, 3 additional
    CHECK(reply->find("AXIS M1065-LW - ACCC8E5A1C07") != std::string::npos);
    CHECK(reply->find("macaddress=ACCC8E5A1C07") != std::string::npos);
    CHECK(reply->find(bytes({127, 0, 1, 9})) != std::string::npos);
    const std::string other = bytes({0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}) + "\x05_http\x04_tcp\x05local" + bytes({0, 0, 12, 0, 1});
    CHECK_FALSE(camaudit::lab::mdns_reply(profile, "127.0.1.9", other));
}
