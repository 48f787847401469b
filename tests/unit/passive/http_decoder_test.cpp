// Proves the http decoder reads every answer in a server's captured bytes (keep-alive,
// Content-Length, chunked, cut short) into the http probe's observations, without the
// request's path it cannot see, and refuses what is not an HTTP answer.
#include "decoder_packets.hpp"

#include <passive/http_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::passive::http_decoder;
using decoder_test::has;

namespace {

// Two answers of the DS-2CD2142FWD-I profile on one keep-alive connection: "/" then
// /ISAPI/System/deviceInfo without credentials.
const std::string root_body =
    "<!doctype html>\r\n<html>\r\n<head>\r\n\t<title></title>\r\n<script>\r\n"
    "window.location.href = \"/doc/page/login.asp?_\" + (new Date()).getTime();\r\n</script>\r\n</head>\r\n</html>";
const std::string denied_body =
    "<!DOCTYPE html>\r\n<html><head><title>Document Error: Unauthorized</title></head>\r\n"
    "<body><h2>Access Error: 401 -- Unauthorized</h2>\r\n<p>Authentication Error</p>\r\n</body>\r\n</html>";
const std::string hikvision_stream =
    "HTTP/1.1 200 OK\r\nDate: Tue, 14 Jan 2025 08:12:44 GMT\r\nServer: webserver\r\n"
    "X-Frame-Options: SAMEORIGIN\r\nContent-Length: " + std::to_string(root_body.size()) +
    "\r\nContent-Type: text/html\r\nConnection: keep-alive\r\n\r\n" + root_body +
    "HTTP/1.1 401 Unauthorized\r\nDate: Tue, 14 Jan 2025 08:12:45 GMT\r\nContent-Length: " +
    std::to_string(denied_body.size()) + "\r\nContent-Type: text/html\r\nConnection: keep-alive\r\n"
    "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e5468694e7a42694e7a4d364f4449354d7a6b354d54513d\", stale=\"FALSE\"\r\n"
    "\r\n" + denied_body;

decoder_test::DecodedValues decoded(const std::string& stream, std::vector<camaudit::Observation>& out) {
    return decoder_test::decoded_values(http_decoder, decoder_test::tcp_from_server(80, stream), out);
}

}  // namespace

TEST_CASE("http decoder: two keep-alive answers give server, realm, title and header lines") {
    std::vector<camaudit::Observation> out;
    const auto values = decoded(hikvision_stream, out);
    CHECK(values.find("http.header.server")->second == "webserver");
    CHECK(values.find("http.auth.realm")->second == "IP Camera(C2183)");
    CHECK(has(values, "http.body.title", "Document Error: Unauthorized"));
    CHECK(values.count("http.header.names") == 2);
    CHECK(values.count("http.body.text") == 2);
    CHECK(values.count("http.header.line") == 11);
    CHECK(values.count("http.path.status") == 0);  // the request is in the other direction
    for (const auto& o : out) {
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.port == 80);
        CHECK(o.proto == "tcp");
        CHECK(o.mac.empty());  // unicast TCP: the frame's MAC may be a router's
        CHECK(o.probe == "passive:http");
        INFO(o.key);
        CHECK(decoder_test::declares(http_decoder, o.key));
    }
}

TEST_CASE("http decoder: a chunked body is joined before its title is read") {
    const std::string stream =
        "HTTP/1.1 200 OK\r\nServer: Webs\r\nTransfer-Encoding: chunked\r\n\r\n"
        "10\r\n<html><head><tit\r\n1d;ext=1\r\nle>WEB SERVICE</title></head>\r\n0\r\n\r\n";
    std::vector<camaudit::Observation> out;
    const auto values = decoded(stream, out);
    CHECK(values.find("http.body.title")->second == "WEB SERVICE");
    CHECK(values.find("http.body.text")->second == "<html><head><title>WEB SERVICE</title></head>");
}

TEST_CASE("http decoder: a stream cut inside a body keeps what arrived") {
    std::vector<camaudit::Observation> out;
    const auto values = decoded(hikvision_stream.substr(0, hikvision_stream.size() - 40), out);
    CHECK(values.find("http.auth.realm")->second == "IP Camera(C2183)");
    CHECK(has(values, "http.body.title", "Document Error: Unauthorized"));
}

TEST_CASE("http decoder: requests, other protocols and broken status lines are refused") {
    std::vector<camaudit::Observation> out;
    CHECK_FALSE(http_decoder.wants(decoder_test::tcp_from_server(80, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    CHECK_FALSE(http_decoder.wants(decoder_test::tcp_from_server(554, "RTSP/1.0 200 OK\r\n\r\n")));
    CHECK_FALSE(http_decoder.wants(decoder_test::udp(1900, 1900, "HTTP/1.1 200 OK\r\n\r\n", false)));
    CHECK_FALSE(http_decoder.decode(decoder_test::tcp_from_server(80, "HTTP/1.1 2x0 OK\r\n\r\n"), out));
    CHECK_FALSE(http_decoder.decode(decoder_test::tcp_from_server(80, "HTTP/1.1"), out));
    CHECK(out.empty());
}
