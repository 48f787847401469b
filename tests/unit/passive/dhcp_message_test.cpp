// Proves the DHCP parser reads the client fingerprint fields of DHCPv4 and DHCPv6 messages
// and refuses what is not DHCP, without reading past any option that lies about its length.
#include <doctest/doctest.h>

#include <parse/dhcp_message.hpp>

#include <dhcp_fixtures.hpp>

using camaudit::parse::parse_dhcpv4;
using camaudit::parse::parse_dhcpv6;
namespace tf = camaudit::test_fixtures;

TEST_CASE("a DHCPv4 DISCOVER gives host name, vendor class, parameter list, client id and MAC") {
    const auto message = parse_dhcpv4(tf::dhcpv4_discover("ac:cc:8e:12:34:56", "axis-accc8e123456", "AXIS,Network Camera,P3343,5.20.3"));
    REQUIRE(message);
    CHECK(message->from_client);
    CHECK(message->message_type == 1);
    CHECK(message->client_mac == "ac:cc:8e:12:34:56");
    CHECK(message->hostname == "axis-accc8e123456");
    CHECK(message->vendor_class == "AXIS,Network Camera,P3343,5.20.3");
    CHECK(message->parameter_list == "1,3,6,12,15,28,42");
    CHECK(message->client_id == "01accc8e123456");
}

TEST_CASE("not DHCP, or cut, is refused, a lying option length stops the options") {
    CHECK_FALSE(parse_dhcpv4(std::vector<std::uint8_t>(300, 0)));
    auto bytes = tf::dhcpv4_discover("ac:cc:8e:12:34:56", "cam", "");
    CHECK_FALSE(parse_dhcpv4(std::span(bytes).first(239)));
    bytes.back() = 0x0c;                 // replace END with option 12 ...
    bytes.push_back(200);                // ... claiming 200 bytes that are not there
    bytes.push_back('x');
    const auto message = parse_dhcpv4(bytes);
    REQUIRE(message);
    CHECK(message->hostname == "cam");
}

TEST_CASE("a DHCPv6 SOLICIT gives FQDN, vendor class, option request list and DUID") {
    const auto message = parse_dhcpv6(tf::dhcpv6_solicit("cam-1.example", 3561, "dslforum.org"));
    REQUIRE(message);
    CHECK(message->v6);
    CHECK(message->from_client);
    CHECK(message->hostname == "cam-1.example");
    CHECK(message->vendor_class == "3561:dslforum.org");
    CHECK(message->parameter_list == "23,24,39");
    CHECK(message->client_id == "00030001accc8e123456");
    auto cut = tf::dhcpv6_solicit("cam", 1, "x");
    cut.pop_back();
    CHECK_FALSE(parse_dhcpv6(cut));
    CHECK_FALSE(parse_dhcpv6(std::vector<std::uint8_t>{12, 0, 0, 0}));
}
