// Proves the DNS message parser as mDNS uses it: the query bytes of research/protocols.md §8.2,
// compressed names (also inside PTR/SRV data), PTR/SRV/TXT/A/AAAA, the QU and cache-flush bits,
// and that pointer loops, forward chains, overlong names and lying lengths end as malformed.
#include <doctest/doctest.h>

#include <parse/dns_message.hpp>

#include <string>

using namespace camaudit::parse;

namespace {

std::string u16(unsigned v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)}; }
std::string label(std::string_view text) { return static_cast<char>(text.size()) + std::string(text); }
std::string pointer(unsigned offset) { return u16(0xc000 | offset); }
std::string rr(const std::string& name, unsigned type, const std::string& rdata, unsigned klass = 0x8001) {
    return name + u16(type) + u16(klass) + std::string("\x00\x00\x11\x94", 4) + u16(static_cast<unsigned>(rdata.size())) + rdata;
}

// A Hikvision-shaped answer: PTR _CGI._tcp.local -> instance (compressed), SRV/TXT/A additional.
std::string hikvision_answer() {
    std::string m = u16(0x4242) + u16(0x8400) + u16(0) + u16(1) + u16(0) + u16(3);
    const unsigned type_at = static_cast<unsigned>(m.size());  // 12: "_CGI._tcp.local"
    const std::string type = label("_CGI") + label("_tcp") + label("local") + '\0';
    m += rr(type, 12, label("HIKVISION DS-2CD2142FWD-I - 781234567") + pointer(type_at), 1);
    const unsigned instance_at = static_cast<unsigned>(m.size()) - 2 - 38;  // the instance label inside the PTR data
    const std::string host = label("DS-2CD2142FWD-I20170718AAWR781234567") + pointer(type_at + 10);  // + "local"
    m += rr(pointer(instance_at), 33, u16(0) + u16(0) + u16(80) + host);
    m += rr(pointer(instance_at), 16, label("path=/") + label(""));
    m += rr(label("DS-2CD2142FWD-I20170718AAWR781234567") + pointer(type_at + 10), 1, std::string("\x7f\x00\x01\x05", 4));
    return m;
}

}  // namespace

TEST_CASE("dns: the PTR query with the QU bit is byte-exact (research §8.2)") {
    const DnsQuestion question{dns_name("_axis-video._tcp.local"), dns_type::ptr, dns_class_in, true};
    const std::string expected = std::string(5, '\0') + '\x01' + std::string(6, '\0') + label("_axis-video") +
                                 label("_tcp") + label("local") + '\0' + u16(12) + u16(0x8001);
    CHECK(build_dns_query(0, std::span(&question, 1)) == expected);
    CHECK(expected.size() == 40);
    const auto parsed = parse_dns_message(expected);
    REQUIRE(parsed.outcome == DnsParse::ok);
    CHECK_FALSE(parsed.message.is_response());
    REQUIRE(parsed.message.questions.size() == 1);
    CHECK(dotted(parsed.message.questions[0].name) == "_axis-video._tcp.local");
    CHECK(parsed.message.questions[0].unicast_response);
    CHECK(parsed.message.questions[0].klass == 1);
}

TEST_CASE("dns: a compressed answer gives PTR, SRV, TXT and A, observations name instance and host") {
    const auto parsed = parse_dns_message(hikvision_answer());
    REQUIRE(parsed.outcome == DnsParse::ok);
    const auto& m = parsed.message;
    CHECK(m.id == 0x4242);
    CHECK(m.is_response());
    REQUIRE(m.records.size() == 4);
    CHECK(m.records[0].target.front() == "HIKVISION DS-2CD2142FWD-I - 781234567");
    CHECK(dotted(m.records[0].target) == "HIKVISION DS-2CD2142FWD-I - 781234567._CGI._tcp.local");
    CHECK(m.records[1].section == DnsSection::additional);
    CHECK(m.records[1].port == 80);
    CHECK(m.records[1].cache_flush);
    CHECK(m.records[1].klass == 1);
    CHECK(dotted(m.records[1].target) == "DS-2CD2142FWD-I20170718AAWR781234567.local");
    CHECK(m.records[2].texts == std::vector<std::string>{"path=/", ""});
    CHECK(m.records[3].address == "127.0.1.5");

    const auto obs = mdns_observations(m, {}, 256);
    REQUIRE(obs.size() == 3);
    CHECK(obs[0].key == "mdns.instance");
    CHECK(obs[0].value == "HIKVISION DS-2CD2142FWD-I - 781234567");
    CHECK(obs[1].key == "mdns.host");
    CHECK(obs[2].key == "mdns.txt");
    CHECK(obs[2].value == "path=/");
}

TEST_CASE("dns: service enumeration answers become mdns.service_type, AAAA text is canonical") {
    const std::string services = label("_services") + label("_dns-sd") + label("_udp") + label("local") + '\0';
    std::string m = u16(1) + u16(0x8400) + u16(0) + u16(2) + u16(0) + u16(0);
    m += rr(services, 12, label("_axis-video") + label("_tcp") + label("local") + '\0');
    m += rr(label("cam") + label("local") + '\0', 28, std::string("\xfe\x80", 2) + std::string(13, '\0') + '\x01');
    const auto parsed = parse_dns_message(m);
    REQUIRE(parsed.outcome == DnsParse::ok);
    CHECK(parsed.message.records[1].address == "fe80::1");
    const auto obs = mdns_observations(parsed.message, {}, 256);
    REQUIRE(obs.size() == 1);
    CHECK(obs[0].key == "mdns.service_type");
    CHECK(obs[0].value == "_axis-video._tcp.local");
}

TEST_CASE("dns: pointer loops, forward chains, long names and lying lengths are malformed") {
    const std::string header = u16(0) + u16(0x8400) + u16(0) + u16(1) + u16(0) + u16(0);
    auto with_record_name = [&](const std::string& name) { return header + rr(name, 1, std::string(4, '\x01')); };
    CHECK(parse_dns_message(with_record_name(pointer(12))).outcome == DnsParse::malformed);       // points at itself
    CHECK(parse_dns_message(with_record_name(label("a") + pointer(12))).outcome == DnsParse::malformed);  // loop via label
    CHECK(parse_dns_message(with_record_name(pointer(4000))).outcome == DnsParse::malformed);     // past the end
    std::string long_name;
    for (int i = 0; i < 5; ++i) long_name += label(std::string(63, 'x'));
    CHECK(parse_dns_message(with_record_name(long_name + '\0')).outcome == DnsParse::malformed);  // > 255 bytes
    CHECK(parse_dns_message(header + rr(label("a") + '\0', 1, "\x01\x02\x03")).outcome == DnsParse::malformed);  // A of 3
    std::string lying = header + rr(label("a") + '\0', 16, label("abc"));
    lying[lying.size() - 6] = '\x09';  // RDLENGTH beyond the message
    CHECK(parse_dns_message(lying).outcome == DnsParse::malformed);
    CHECK(parse_dns_message(header + rr(label("a") + '\0', 16, "\x09" "abc")).outcome == DnsParse::malformed);  // TXT string past RDATA
    CHECK(parse_dns_message(u16(0) + u16(0) + u16(1000) + u16(0) + u16(0) + u16(0)).outcome == DnsParse::malformed);
    CHECK(parse_dns_message(std::string(11, '\0')).outcome == DnsParse::malformed);
    CHECK(parse_dns_message(header).outcome == DnsParse::malformed);  // claims a record it lacks
    const std::string answer = hikvision_answer();
    for (std::size_t cut = 0; cut < answer.size(); ++cut)
        CHECK(parse_dns_message(answer.substr(0, cut)).outcome == DnsParse::malformed);
}
