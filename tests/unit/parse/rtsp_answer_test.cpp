// Proves that RTSP answers as cameras send them become the observations signatures match
// (Server, Public, every realm, SDP session lines), and that wrong-protocol, malformed and
// oversized input is classified or capped instead of crashing.
#include "observation_values.hpp"

#include <doctest/doctest.h>
#include <parse/rtsp_answer.hpp>

#include <string>
#include <vector>

using namespace camaudit;
using camaudit::testing::values_of;
using camaudit::parse::RtspParse;

namespace {

Observation base() {
    Observation o;
    o.ip = "127.0.1.9";
    o.port = 554;
    o.probe = "rtsp";
    return o;
}

std::vector<Observation> observe(std::string_view bytes, std::string_view method) {
    const auto length = parse::rtsp_head_length(bytes);
    REQUIRE(length);
    auto head = parse::parse_rtsp_head(bytes.substr(0, *length));
    REQUIRE(head.outcome == RtspParse::ok);
    head.answer.body = std::string(bytes.substr(*length));
    return parse::rtsp_observations(head.answer, method, base(), 4096);
}

}  // namespace

TEST_CASE("a Dahua OPTIONS answer gives its status, Server and Public list") {
    const auto observations = observe(
        "RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\n"
        "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER\r\n\r\n",
        "OPTIONS");
    CHECK(values_of(observations, "rtsp.status") == std::vector<std::string>{"OPTIONS 200"});
    CHECK(values_of(observations, "rtsp.header.server") == std::vector<std::string>{"Rtsp Server/3.0"});
    CHECK(values_of(observations, "rtsp.header.public").at(0).starts_with("OPTIONS, DESCRIBE, ANNOUNCE"));
    CHECK(values_of(observations, "rtsp.header.names") == std::vector<std::string>{"CSeq,Server,Public"});
    CHECK(observations.at(0).port == 554);
}

TEST_CASE("every WWW-Authenticate line of a DESCRIBE challenge gives its realm") {
    const auto observations = observe(
        "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\n"
        "WWW-Authenticate: Digest realm=\"Hikvision\", nonce=\"8f1c0a6b2d3e4f5a\", stale=\"FALSE\"\r\n"
        "WWW-Authenticate: Basic realm=\"/\"\r\n\r\n",
        "DESCRIBE");
    CHECK(values_of(observations, "rtsp.status") == std::vector<std::string>{"DESCRIBE 401"});
    CHECK(values_of(observations, "rtsp.auth.realm") == std::vector<std::string>{"Hikvision", "/"});
    CHECK(values_of(observations, "rtsp.header.www_authenticate").size() == 2);
}

TEST_CASE("an open DESCRIBE gives the SDP session name, information and tool, not media lines") {
    const auto observations = observe(
        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 150\r\n\r\n"
        "v=0\r\no=- 1109162014219182 1 IN IP4 0.0.0.0\r\ns=HIK Media Server V3.1.3\r\n"
        "i=HIK Media Server Session Description : standard\r\na=tool:LIVE555 Streaming Media v2017\r\n"
        "m=video 0 RTP/AVP 96\r\ni=track one\r\ns=not a session\r\n",
        "DESCRIBE");
    CHECK(values_of(observations, "rtsp.sdp.session_name") == std::vector<std::string>{"HIK Media Server V3.1.3"});
    CHECK(values_of(observations, "rtsp.sdp.info") ==
          std::vector<std::string>{"HIK Media Server Session Description : standard"});
    CHECK(values_of(observations, "rtsp.sdp.tool") == std::vector<std::string>{"LIVE555 Streaming Media v2017"});
}

TEST_CASE("Content-Length is read and capped, folded header lines join the field above") {
    auto head = parse::parse_rtsp_head("RTSP/1.0 200 OK\r\nContent-Length: 99999999999\r\nServer: a\r\n  b\r\n\r\n");
    REQUIRE(head.outcome == RtspParse::ok);
    CHECK(head.content_length == parse::max_rtsp_body_bytes);
    CHECK(head.answer.headers.back().second == "a b");
    CHECK(parse::parse_rtsp_head("RTSP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n").content_length == 0);
}

TEST_CASE("an HTTP answer on an RTSP port is the wrong protocol, a broken status line is malformed") {
    CHECK(parse::parse_rtsp_head("HTTP/1.0 501 Not Implemented\r\n\r\n").outcome == RtspParse::wrong_protocol);
    CHECK(parse::parse_rtsp_head("\x16\x03\x01garbage").outcome == RtspParse::wrong_protocol);
    CHECK(parse::parse_rtsp_head("RTSP/1.0 OK\r\n\r\n").outcome == RtspParse::malformed);
    CHECK(parse::parse_rtsp_head("RTSP/1.0 2000 OK\r\n\r\n").outcome == RtspParse::malformed);
    CHECK(parse::parse_rtsp_head("").outcome == RtspParse::wrong_protocol);
}

TEST_CASE("the head ends at the first blank line (CRLF or LF) and not before it arrives") {
    CHECK_FALSE(parse::rtsp_head_length("RTSP/1.0 200 OK\r\nCSeq: 1\r\n"));
    CHECK(parse::rtsp_head_length("RTSP/1.0 200 OK\r\n\r\nbody") == std::optional<std::size_t>(19));
    CHECK(parse::rtsp_head_length("RTSP/1.0 200 OK\n\nbody") == std::optional<std::size_t>(17));
}

TEST_CASE("hostile headers are capped in count and values come out as valid capped UTF-8") {
    std::string bytes = "RTSP/1.0 200 OK\r\nServer: \xff\xfe" + std::string(10000, 'A') + "\r\n";
    for (int i = 0; i < 500; ++i) bytes += "X-" + std::to_string(i) + ": y\r\n";
    bytes += "\r\n";
    auto head = parse::parse_rtsp_head(bytes);
    REQUIRE(head.outcome == RtspParse::ok);
    CHECK(head.answer.headers.size() == parse::max_rtsp_header_fields);
    const auto observations = parse::rtsp_observations(head.answer, "OPTIONS", base(), 4096);
    const auto server = values_of(observations, "rtsp.header.server").at(0);
    CHECK(server.size() <= 4096);
    CHECK(server.starts_with("\xEF\xBF\xBD"));
}
