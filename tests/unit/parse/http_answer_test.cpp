// Proves that one HTTP answer becomes the observations a signature can match, whatever bytes
// a device sends: titles, realms, header names in original case, cookies, redirects, UTF-8.
#include "observation_values.hpp"

#include <doctest/doctest.h>
#include <parse/http_answer.hpp>
#include <parse/text.hpp>

#include <algorithm>

using namespace camaudit;
using camaudit::testing::values_of;
using camaudit::parse::HttpAnswer;

namespace {

Observation base() {
    Observation o;
    o.ip = "127.0.1.5";
    o.port = 80;
    o.probe = "http";
    o.context = "GET /";
    return o;
}

}  // namespace

TEST_CASE("a Dahua-style answer keeps upper-case header names in order") {
    HttpAnswer answer{"GET", "/", 200, {{"CONNECTION", "close"}, {"Date", "x"}, {"CONTENT-LENGTH", "5"}},
                      "<html><head><title> WEB SERVICE </title></head></html>"};
    const auto observations = parse::http_observations(answer, base(), 4096);
    CHECK(values_of(observations, "http.header.names") == std::vector<std::string>{"CONNECTION,Date,CONTENT-LENGTH"});
    CHECK(values_of(observations, "http.body.title") == std::vector<std::string>{"WEB SERVICE"});
    CHECK(values_of(observations, "http.path.status") == std::vector<std::string>{"GET / 200"});
    CHECK(values_of(observations, "http.header.server").empty());
    CHECK(values_of(observations, "http.header.line") ==
          std::vector<std::string>{"CONNECTION: close", "Date: x", "CONTENT-LENGTH: 5"});
    for (const auto& o : observations) {
        CHECK(o.ip == "127.0.1.5");
        CHECK(o.port == 80);
        CHECK(o.context == "GET /");
    }
}

TEST_CASE("a digest challenge gives the raw header and its realm") {
    HttpAnswer answer{"GET", "/ISAPI/System/deviceInfo", 401,
                      {{"WWW-Authenticate", R"x(Digest qop="auth", realm="IP Camera(C2183)", nonce="4e54")x"}}, ""};
    const auto observations = parse::http_observations(answer, base(), 4096);
    CHECK(values_of(observations, "http.auth.realm") == std::vector<std::string>{"IP Camera(C2183)"});
    CHECK(values_of(observations, "http.path.status") ==
          std::vector<std::string>{"GET /ISAPI/System/deviceInfo 401"});
    CHECK(parse::auth_realm("Basic realm=ZXHN") == std::optional<std::string>("ZXHN"));
    CHECK_FALSE(parse::auth_realm("Bearer error=invalid").has_value());
}

TEST_CASE("cookie names, the server and a location are observed") {
    HttpAnswer answer{"GET", "/", 302,
                      {{"Server", "App-webs/"}, {"Set-Cookie", "SessionID_R3=abc; path=/"},
                       {"set-cookie", "lang=en"}, {"Location", "/doc/page/login.asp"}}, ""};
    const auto observations = parse::http_observations(answer, base(), 4096);
    CHECK(values_of(observations, "http.header.server") == std::vector<std::string>{"App-webs/"});
    CHECK(values_of(observations, "http.cookie.name") == std::vector<std::string>{"SessionID_R3", "lang"});
    CHECK(parse::same_host_redirect(answer) == std::optional<std::string>("/doc/page/login.asp"));
}

TEST_CASE("a script redirect is followed without its query, off-host targets are not") {
    HttpAnswer script{"GET", "/", 200, {},
                      "<script>window.location.href = \"/doc/page/login.asp?_\" + (new Date()).getTime();</script>"};
    CHECK(parse::same_host_redirect(script) == std::optional<std::string>("/doc/page/login.asp"));
    HttpAnswer meta{"GET", "/", 200, {}, "<meta http-equiv=\"refresh\" content=\"0; url=/index.html\">"};
    CHECK(parse::same_host_redirect(meta) == std::optional<std::string>("/index.html"));
    HttpAnswer away{"GET", "/", 301, {{"Location", "http://203.0.113.9/"}}, ""};
    CHECK_FALSE(parse::same_host_redirect(away).has_value());
    HttpAnswer protocol_relative{"GET", "/", 302, {{"Location", "//evil.example/"}}, ""};
    CHECK_FALSE(parse::same_host_redirect(protocol_relative).has_value());
}

TEST_CASE("an empty title is observed as an empty value, no title element, nothing") {
    CHECK(parse::html_title("<head><TITLE></TITLE></head>") == std::optional<std::string>(""));
    CHECK_FALSE(parse::html_title("<html>no title</html>").has_value());
    CHECK(parse::html_title("<title>unterminated") == std::optional<std::string>("unterminated"));
}

TEST_CASE("hostile bytes become capped, valid UTF-8") {
    std::string hostile = "\xff\xfe\x00\x01title\xc3\x28\xe2\x82";
    hostile.append(100000, 'A');
    HttpAnswer answer{"GET", "/", 200, {{"Server", hostile}}, "<title>" + hostile + "</title>"};
    const auto observations = parse::http_observations(answer, base(), 64);
    for (const auto& o : observations) {
        CHECK(o.value.size() <= std::max<std::size_t>(64, parse::max_body_observation_bytes));
        CHECK(parse::to_valid_utf8(o.value, o.value.size()) == o.value);  // already valid
    }
    CHECK(parse::to_valid_utf8("caf\xc3\xa9", 4) == "caf");  // never splits a character
    CHECK(parse::to_valid_utf8(std::string("a\0b", 3), 16) == "a\xEF\xBF\xBD" "b");
}
