// Proves the mdns decoder turns an mDNS announcement heard on UDP 5353 (an Axis camera's
// DNS-SD records) into the mdns probe's observations about the sender, ignores queries, and
// refuses malformed messages.
#include "decoder_packets.hpp"

#include <parse/dns_message.hpp>
#include <passive/mdns_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::passive::mdns_decoder;
using decoder_test::big_endian;

namespace {

std::string name(std::initializer_list<std::string> labels) {
    std::string out;
    for (const auto& label : labels) out += static_cast<char>(label.size()) + label;
    return out + std::string(1, '\0');
}

std::string record(const std::string& owner, std::uint16_t type, const std::string& data) {
    return owner + big_endian(type, 2) + big_endian(0x8001, 2) + big_endian(120, 4) + big_endian(data.size(), 2) + data;
}

// The announcement an AXIS M1065-LW multicasts (names uncompressed; instance as in
// research/protocols.md 8: "AXIS <model> - <serial>").
std::string axis_announcement() {
    const std::string instance = "AXIS M1065-LW - ACCC8E5A1C07";
    const std::string type_name = name({"_axis-video", "_tcp", "local"});
    const std::string instance_name = name({instance, "_axis-video", "_tcp", "local"});
    const std::string host = name({"axis-accc8e5a1c07", "local"});
    std::string body = record(name({"_services", "_dns-sd", "_udp", "local"}), 12, type_name);
    body += record(type_name, 12, instance_name);
    body += record(instance_name, 33, big_endian(0, 2) + big_endian(0, 2) + big_endian(80, 2) + host);
    const std::string txt = "macaddress=ACCC8E5A1C07";
    body += record(instance_name, 16, static_cast<char>(txt.size()) + txt);
    body += record(host, 1, std::string("\xc0\xa8\x01\x40", 4));
    return big_endian(0, 2) + big_endian(0x8400, 2) + big_endian(0, 2) + big_endian(5, 2) + big_endian(0, 4) + body;
}

}  // namespace

TEST_CASE("mdns decoder: an Axis announcement gives service type, instance, host and TXT with the frame MAC") {
    const std::string bytes = axis_announcement();
    const auto packet = decoder_test::udp(5353, 5353, bytes, true);
    REQUIRE(mdns_decoder.wants(packet));
    std::vector<camaudit::Observation> out;
    REQUIRE(mdns_decoder.decode(packet, out));
    std::multimap<std::string, std::string> values;
    for (const auto& o : out) {
        values.emplace(o.key, o.value);
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.port == 5353);
        CHECK(o.mac == "44:19:b6:3a:7c:21");
        CHECK(o.probe == "passive:mdns");
        INFO(o.key);
        CHECK(decoder_test::declares(mdns_decoder, o.key));
    }
    CHECK(values.find("mdns.service_type")->second == "_axis-video._tcp.local");
    CHECK(values.find("mdns.instance")->second == "AXIS M1065-LW - ACCC8E5A1C07");
    CHECK(values.find("mdns.host")->second == "axis-accc8e5a1c07.local");
    CHECK(values.find("mdns.txt")->second == "macaddress=ACCC8E5A1C07");
}

TEST_CASE("mdns decoder: a query is mDNS without facts, a cut message is refused") {
    const camaudit::parse::DnsQuestion question{camaudit::parse::dns_name("_axis-video._tcp.local")};
    const std::string query = camaudit::parse::build_dns_query(0, std::span(&question, 1));
    std::vector<camaudit::Observation> out;
    CHECK(mdns_decoder.decode(decoder_test::udp(5353, 5353, query, true), out));
    CHECK(out.empty());
    const std::string bytes = axis_announcement();
    CHECK_FALSE(mdns_decoder.decode(decoder_test::udp(5353, 5353, bytes.substr(0, bytes.size() - 30), true), out));
    CHECK(out.empty());
    CHECK_FALSE(mdns_decoder.wants(decoder_test::udp(5353, 5353, "short", true)));
    CHECK_FALSE(mdns_decoder.wants(decoder_test::udp(53, 53, bytes, false)));
}
