// Proves that every accepted target expression form parses to exactly the addresses it names,
// and that each way of being malformed is rejected with a reason instead of a guess.
#include <doctest/doctest.h>
#include <boost/asio/ip/address.hpp>
#include <string>
#include <targets/expression.hpp>

using namespace camaudit::targets;

namespace {

Uint128 v4(const char* text) { return boost::asio::ip::make_address_v4(text).to_uint(); }

Uint128 v6(const char* text) {
    Uint128 value = 0;
    for (auto byte : boost::asio::ip::make_address_v6(text).to_bytes()) value = (value << 8) | byte;
    return value;
}

AddressRange range_of(std::string_view token) {
    const auto e = parse_expression(token);
    INFO("token: ", std::string(token), " reason: ", e.text);
    REQUIRE(e.kind == Expression::Kind::range);
    return e.range;
}

}  // namespace

TEST_CASE("IPv4 single addresses, CIDRs and ranges name exactly their addresses") {
    CHECK(range_of("192.0.2.7") == AddressRange{Family::v4, v4("192.0.2.7"), v4("192.0.2.7")});
    CHECK(range_of("  192.0.2.7\t") == AddressRange{Family::v4, v4("192.0.2.7"), v4("192.0.2.7")});
    CHECK(range_of("10.0.0.0/24") == AddressRange{Family::v4, v4("10.0.0.0"), v4("10.0.0.255")});
    CHECK(range_of("10.0.0.5/24") == AddressRange{Family::v4, v4("10.0.0.0"), v4("10.0.0.255")});
    CHECK(range_of("10.0.0.5/32") == AddressRange{Family::v4, v4("10.0.0.5"), v4("10.0.0.5")});
    CHECK(range_of("10.1.2.3/0") == AddressRange{Family::v4, 0, 0xffffffffu});
    CHECK(range_of("10.0.0.250-10.0.1.5") ==
          AddressRange{Family::v4, v4("10.0.0.250"), v4("10.0.1.5")});
    CHECK(range_of("10.0.0.1-99") == AddressRange{Family::v4, v4("10.0.0.1"), v4("10.0.0.99")});
    CHECK(range_of("10.0.0.7-7") == AddressRange{Family::v4, v4("10.0.0.7"), v4("10.0.0.7")});
    CHECK(range_of("0.0.0.0") == AddressRange{Family::v4, 0, 0});
    CHECK(range_of("255.255.255.255") == AddressRange{Family::v4, 0xffffffffu, 0xffffffffu});
}

TEST_CASE("IPv6 addresses, prefixes up to /112 and small ranges are accepted") {
    CHECK(range_of("2001:db8::7") == AddressRange{Family::v6, v6("2001:db8::7"), v6("2001:db8::7")});
    CHECK(range_of("2001:db8::5/112") ==
          AddressRange{Family::v6, v6("2001:db8::"), v6("2001:db8::ffff")});
    CHECK(range_of("2001:db8::5/128") ==
          AddressRange{Family::v6, v6("2001:db8::5"), v6("2001:db8::5")});
    CHECK(range_of("fd00::1-fd00::ff") == AddressRange{Family::v6, v6("fd00::1"), v6("fd00::ff")});
    CHECK(range_of("fd00::-fd00::ffff").last == v6("fd00::ffff"));
    CHECK(range_of("::ffff:192.0.2.1").family == Family::v6);
}

TEST_CASE("host names and @files are recognised as such") {
    for (const char* name : {"localhost", "cam-01.site.example", "NVR01", "nvr.example.", "a1.b2"}) {
        const auto e = parse_expression(name);
        INFO(name);
        CHECK(e.kind == Expression::Kind::host_name);
        CHECK(e.text == name);
    }
    const auto file = parse_expression("@/tmp/site targets.txt");
    CHECK(file.kind == Expression::Kind::file);
    CHECK(file.text == "/tmp/site targets.txt");
}

TEST_CASE("malformed expressions are rejected with the reason") {
    const std::pair<std::string, std::string> cases[] = {
        {"10.0.0.300", "octet 300 out of range (0-255)"},
        {"10.0.0.1000", "out of range"},
        {"10.0.0", "expected four octets"},
        {"10.0.0.1.5", "expected four octets"},
        {"10..0.1", "empty octet"},
        {"10.0.0.", "empty octet"},
        {"10.0.0.01", "leading zero"},
        {"10.0.0.1x", "octet '1x' is not a number"},
        {"10.0.0.0/33", "prefix length 33 out of range (0-32)"},
        {"10.0.0.0/-1", "prefix length '-1' is not a number"},
        {"10.0.0.0/abc", "prefix length 'abc' is not a number"},
        {"10.0.0.0/", "empty prefix length"},
        {"10.0.0.0/24/8", "is not a number"},
        {"10.0.0.9-10.0.0.1", "range end is before its start"},
        {"10.0.0.9-3", "range end is before its start"},
        {"10.0.0.9-256", "octet 256 out of range"},
        {"10.0.0.1-::5", "range mixes IPv4 and IPv6"},
        {"::1-10.0.0.1", "range mixes IPv4 and IPv6"},
        {"fd00::1-5", "not a full IPv6 address"},
        {"10.0.0.1-5-7", "more than one '-'"},
        {"-10.0.0.1", "range start is empty"},
        {"10.0.0.1-", "range end is empty"},
        {"2001:db8::/64", "the limit is /112"},
        {"2001:db8::/111", "the limit is /112"},
        {"2001:db8::/129", "prefix length 129 out of range"},
        {"fd00::1-fd00::1:1", "limit is 65,536 addresses"},
        {"fe80::1%eth0", "zone"},
        {"::g", "is not an IPv6 address"},
        {"1:2:3:4:5:6:7:8:9", "is not an IPv6 address"},
        {"", "empty expression"},
        {"   ", "empty expression"},
        {"10.0.0.1 10.0.0.2", "white space"},
        {std::string(257, '1'), "longer than 256 characters"},
        {"host_name", "not an address, a range or a valid host name"},
        {"-cam.example", "range start is empty"},
        {"cam-.example", "not an address, a range or a valid host name"},
        {"@", "needs a file name"},
    };
    for (const auto& the_case : cases) {
        const auto& token = the_case.first;
        const auto& reason = the_case.second;
        const auto e = parse_expression(token);
        INFO("token: '", token, "' gave: ", e.text);
        CHECK(e.kind == Expression::Kind::invalid);
        CHECK(e.text.find(reason) != std::string::npos);
    }
}

TEST_CASE("quoting a token for a message escapes control bytes and cuts long ones") {
    CHECK(quote_token("10.0.0.300") == "10.0.0.300");
    CHECK(quote_token(std::string("a\x1b[2Jb", 6)) == "a\\x1b[2Jb");
    CHECK(quote_token("a\\b") == "a\\x5cb");
    const auto long_quote = quote_token(std::string(300, 'x'));
    CHECK(long_quote == std::string(64, 'x') + "... (300 characters)");
}
