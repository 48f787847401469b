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

// --- SNMPv3 engine discovery (research/protocols.md §9.2) ---

namespace {

// Report to msgID 0x4a69 / request-id 0x4a6a: engine 80 00 01 70 03 00:40:8c:18:d3:a2
// (enterprise 368 = Axis, format 3 = MAC), usmStatsUnknownEngineIDs.0 = 1. Same bytes as
// tests/fuzz/corpus/snmp_ber/v3_report_engine_id.bin.
std::string axis_v3_report() {
    return hex("30 62 02 01 03 30 0f 02 02 4a 69 02 03 00 ff e3 04 01 00 02 01 03 04 1c 30 1a 04 0b 80 00 01 70 03 00 40 8c"
               " 18 d3 a2 02 01 01 02 02 03 e8 04 00 04 00 04 00 30 2e 04 0b 80 00 01 70 03 00 40 8c 18 d3 a2 04 00 a8 1d"
               " 02 02 4a 6a 02 01 00 02 01 00 30 11 30 0f 06 0a 2b 06 01 06 03 0f 01 01 04 00 41 01 01");
}

}  // namespace

TEST_CASE("snmp v3: the engine-discovery request is byte-exact against research §9.2") {
    CHECK(snmp_v3_discovery_request(0x4a69, 0x4a6a) ==
          hex("30 3a 02 01 03 30 0f 02 02 4a 69 02 03 00 ff e3 04 01 04 02 01 03 04 10 30 0e 04 00 02 01 00 02"
              " 01 00 04 00 04 00 04 00 30 12 04 00 04 00 a0 0c 02 02 4a 6a 02 01 00 02 01 00 30 00"));
}

TEST_CASE("snmp v3: a Report gives the engine ID and its enterprise number") {
    const auto parsed = parse_snmp_v3_message(axis_v3_report());
    REQUIRE(parsed.outcome == SnmpParse::ok);
    CHECK(parsed.message.msg_id == 0x4a69);
    CHECK(parsed.message.pdu_tag == 0xa8);
    CHECK(parsed.message.request_id == 0x4a6a);
    CHECK(parsed.message.engine_boots == 1);
    CHECK(parsed.message.engine_time == 1000);
    const auto obs = snmp_engine_observations(parsed.message.engine_id, {});
    REQUIRE(obs.size() == 2);
    CHECK(obs[0].key == "snmp.engine_id");
    CHECK(obs[0].value == "800001700300408c18d3a2");
    CHECK(obs[1].key == "snmp.engine_enterprise");
    CHECK(obs[1].value == "368");
    // An engine ID in the pre-RFC 3411 format (first bit clear) names no enterprise.
    const auto old_format = snmp_engine_observations(hex("00 00 01 70 00 40 8c 18 d3 a2 00 01"), {});
    REQUIRE(old_format.size() == 1);
    CHECK(old_format[0].key == "snmp.engine_id");
    CHECK(snmp_engine_observations({}, {}).empty());
}

TEST_CASE("snmp v3: v2c and other protocols are wrong_protocol; truncation, encryption and lying lengths malformed") {
    CHECK(parse_snmp_v3_message(snmp_get_request("public", 1, {})).outcome == SnmpParse::wrong_protocol);
    CHECK(parse_snmp_v3_message("HTTP/1.1 200 OK\r\n").outcome == SnmpParse::wrong_protocol);
    CHECK(parse_snmp_v3_message("").outcome == SnmpParse::wrong_protocol);
    const std::string report = axis_v3_report();
    for (std::size_t cut = 1; cut < report.size(); ++cut) {
        INFO("cut at ", cut);
        CHECK(parse_snmp_v3_message(report.substr(0, cut)).outcome == SnmpParse::malformed);
    }
    std::string encrypted = report;
    encrypted[0x34] = '\x04';  // the scoped PDU as an OCTET STRING: privacy on
    CHECK(parse_snmp_v3_message(encrypted).outcome == SnmpParse::malformed);
    std::string lying = report;
    lying[0x1b] = '\x7f';  // engine ID length past its parent
    CHECK(parse_snmp_v3_message(lying).outcome == SnmpParse::malformed);
    // An engine ID over 32 bytes is malformed (RFC 3411 caps it).
    const std::string long_id(40, '\x80');
    const std::string usm = "\x30" + std::string(1, static_cast<char>(2 + 40 + 12)) + "\x04\x28" + long_id +
                            hex("02 01 01 02 01 01 04 00 04 00 04 00");
    const std::string body = hex("02 01 03 30 0f 02 02 4a 69 02 03 00 ff e3 04 01 00 02 01 03") + "\x04" +
                             static_cast<char>(usm.size()) + usm + hex("30 0c 04 00 04 00 a8 06 02 01 01 30 01 00");
    CHECK(parse_snmp_v3_message("\x30" + std::string(1, static_cast<char>(body.size())) + body).outcome == SnmpParse::malformed);
}
