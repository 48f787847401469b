// Proves the SNMP BER codec: the GetRequest is byte-exact against research/protocols.md §9.1,
// a GetResponse decodes to its varbinds, and every lying length, over-long length form,
// wrong type or truncation is malformed, never a crash.
#include <doctest/doctest.h>

#include <parse/snmp_ber.hpp>

#include <string>

using namespace camaudit::parse;

namespace {

std::string hex(std::string_view digits) {
    std::string out;
    for (std::size_t i = 0; i + 1 < digits.size();) {
        if (digits[i] == ' ') { ++i; continue; }
        out += static_cast<char>(std::stoi(std::string(digits.substr(i, 2)), nullptr, 16));
        i += 2;
    }
    return out;
}

// GetResponse, v2c, community public, request-id 0x1234: sysDescr "; AXIS M1065-LW; …",
// sysObjectID 1.3.6.1.4.1.368.4, sysName noSuchObject.
std::string axis_response() {
    const std::string descr = "; AXIS M1065-LW; Network Camera; 9.80.1;";
    const std::string vb1 = hex("06 08 2b 06 01 02 01 01 01 00") + "\x04" + static_cast<char>(descr.size()) + descr;
    const std::string vb2 = hex("06 08 2b 06 01 02 01 01 02 00 06 08 2b 06 01 04 01 82 70 04");
    const std::string vb3 = hex("06 08 2b 06 01 02 01 01 05 00 80 00");
    auto seq = [](char tag, const std::string& body) { return std::string(1, tag) + static_cast<char>(body.size()) + body; };
    const std::string list = seq(0x30, seq(0x30, vb1) + seq(0x30, vb2) + seq(0x30, vb3));
    const std::string pdu = seq(static_cast<char>(0xa2), hex("02 02 12 34 02 01 00 02 01 00") + list);
    return seq(0x30, hex("02 01 01 04 06 70 75 62 6c 69 63") + pdu);
}

}  // namespace

TEST_CASE("snmp: the v2c GetRequest matches the research bytes") {
    const std::string_view oids[] = {oid_sys_descr, oid_sys_object_id};
    CHECK(snmp_get_request("public", 0x1234, oids) ==
          hex("30 35 02 01 01 04 06 70 75 62 6c 69 63 a0 28 02 02 12 34 02 01 00 02 01 00 30 1c 30 0c 06 08 2b"
              "06 01 02 01 01 01 00 05 00 30 0c 06 08 2b 06 01 02 01 01 02 00 05 00"));
    const std::string_view three[] = {oid_sys_descr, oid_sys_object_id, oid_sys_name};
    const auto request = parse_snmp_message(snmp_get_request("c0mmunity", 7, three));
    REQUIRE(request.outcome == SnmpParse::ok);
    CHECK(request.message.pdu_tag == 0xa0);
    CHECK(request.message.community == "c0mmunity");
    CHECK(request.message.request_id == 7);
    REQUIRE(request.message.varbinds.size() == 3);
    CHECK(request.message.varbinds[2].oid == "1.3.6.1.2.1.1.5.0");
    CHECK(request.message.varbinds[2].kind == SnmpValueKind::null);
}

TEST_CASE("snmp: OIDs encode and decode, large arcs in base 128") {
    CHECK(encode_oid("1.3.6.1.4.1.39165") == hex("2b 06 01 04 01 82 b1 7d"));
    CHECK(decode_oid(hex("2b 06 01 04 01 82 b1 7d")) == "1.3.6.1.4.1.39165");
    CHECK(decode_oid(hex("2b 06 01 04 01 bd aa 31")) == "1.3.6.1.4.1.1004849");
    CHECK(encode_oid("1.3.6.1.4.1.1004849.2") == hex("2b 06 01 04 01 bd aa 31 02"));
    CHECK_FALSE(encode_oid("1"));
    CHECK_FALSE(encode_oid("3.1"));
    CHECK_FALSE(encode_oid("1.3..6"));
    CHECK_FALSE(encode_oid("1.3.x"));
    CHECK_FALSE(decode_oid(""));
    CHECK_FALSE(decode_oid(hex("2b 86")));              // last arc unfinished
    CHECK_FALSE(decode_oid(hex("2b 80 01")));           // non-minimal
    CHECK_FALSE(decode_oid(hex("2b ff ff ff ff ff ff ff ff ff 7f")));  // arc beyond 63 bits
}

TEST_CASE("snmp: a GetResponse decodes, observations keep only values of the three OIDs") {
    const auto parsed = parse_snmp_message(axis_response());
    REQUIRE(parsed.outcome == SnmpParse::ok);
    const auto& m = parsed.message;
    CHECK(m.version == 1);
    CHECK(m.pdu_tag == 0xa2);
    CHECK(m.request_id == 0x1234);
    REQUIRE(m.varbinds.size() == 3);
    CHECK(m.varbinds[1].kind == SnmpValueKind::oid);
    CHECK(m.varbinds[1].value == "1.3.6.1.4.1.368.4");
    CHECK(m.varbinds[2].kind == SnmpValueKind::no_such_object);
    const auto obs = snmp_observations(m, {}, 256);
    REQUIRE(obs.size() == 2);
    CHECK(obs[0].key == "snmp.sys_descr");
    CHECK(obs[0].value == "; AXIS M1065-LW; Network Camera; 9.80.1;");
    CHECK(obs[1].key == "snmp.sys_object_id");
    CHECK(obs[1].value == "1.3.6.1.4.1.368.4");
}

TEST_CASE("snmp: lying lengths, long forms, truncation and other protocols") {
    const std::string good = axis_response();
    CHECK(parse_snmp_message("").outcome == SnmpParse::wrong_protocol);
    CHECK(parse_snmp_message("HTTP/1.1 200 OK\r\n\r\n").outcome == SnmpParse::wrong_protocol);
    CHECK(parse_snmp_message(hex("30 03 02 01 03")).outcome == SnmpParse::wrong_protocol);  // SNMPv3
    CHECK(parse_snmp_message(hex("30 82 ff ff 02 01 01 04 06 70 75 62 6c 69 63 a2 84 7f ff ff ff 02 04")).outcome ==
          SnmpParse::malformed);
    CHECK(parse_snmp_message(hex("30 85 00 00 00 00 05 02 01 01")).outcome == SnmpParse::malformed);  // 5-octet length
    CHECK(parse_snmp_message(hex("30 80 02 01 01 00 00")).outcome == SnmpParse::malformed);           // indefinite
    for (std::size_t cut = 1; cut < good.size(); ++cut)
        CHECK(parse_snmp_message(good.substr(0, cut)).outcome != SnmpParse::ok);
    std::string inner_lie = good;
    inner_lie[good.find("\x04\x28")+1] = '\x7f';  // sysDescr claims more than its varbind holds
    CHECK(parse_snmp_message(inner_lie).outcome == SnmpParse::malformed);
    CHECK(parse_snmp_message(std::string(70000, '\x30')).outcome == SnmpParse::malformed);
}
