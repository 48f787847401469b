// Proves that the bytes a lab device sends are the profile's, byte for byte: header order and
// case, the corrected Content-Length, repeated headers, the echoed RTSP CSeq and hex banners.
#include <lab/responses.hpp>

#include <doctest/doctest.h>

namespace lab = camaudit::lab;
using nlohmann::ordered_json;

TEST_CASE("lab: an HTTP response keeps header order and case and fixes Content-Length") {
    const auto entry = ordered_json::parse(R"({"method": "GET", "path": "/", "status": 200,
        "headers": {"Server": "App-webs/", "CONNECTION": "close", "content-length": "999", "X-B": "2"},
        "body": "hello"})");
    CHECK(lab::render_http_response(entry) ==
          "HTTP/1.1 200 OK\r\nServer: App-webs/\r\nCONNECTION: close\r\ncontent-length: 5\r\nX-B: 2\r\n\r\nhello");
    CHECK(lab::closes_connection(entry));
}

TEST_CASE("lab: an HTTP response without Content-Length gets one, and list values repeat") {
    const auto entry = ordered_json::parse(R"({"status": 401,
        "headers": {"WWW-Authenticate": ["Digest realm=\"x\"", "Basic realm=\"/\""]}, "body": ""})");
    CHECK(lab::render_http_response(entry) ==
          "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"x\"\r\n"
          "WWW-Authenticate: Basic realm=\"/\"\r\nContent-Length: 0\r\n\r\n");
    CHECK_FALSE(lab::closes_connection(entry));
}

TEST_CASE("lab: the HTTP entry is chosen by method, exact path with query, port and TLS") {
    const auto profile = ordered_json::parse(R"({"http": [
        {"method": "GET", "path": "/", "status": 200, "headers": {}, "body": "any"},
        {"method": "GET", "path": "/", "port": 5000, "status": 200, "headers": {}, "body": "5000"},
        {"method": "GET", "path": "/a?b=1", "status": 200, "headers": {}, "body": "query"},
        {"method": "POST", "path": "/rpc", "tls": true, "status": 200, "headers": {}, "body": "tls"}]})");
    auto body_of = [&](const char* method, const char* path, std::uint16_t port, bool tls) {
        const auto* entry = lab::find_http_entry(profile, method, path, port, tls);
        return entry ? (*entry)["body"].get<std::string>() : std::string("404");
    };
    CHECK(body_of("GET", "/", 80, false) == "any");
    CHECK(body_of("GET", "/", 5000, false) == "5000");
    CHECK(body_of("GET", "/a?b=1", 80, false) == "query");
    CHECK(body_of("GET", "/a", 80, false) == "404");
    CHECK(body_of("HEAD", "/", 80, false) == "404");
    CHECK(body_of("POST", "/rpc", 443, true) == "tls");
    CHECK(body_of("POST", "/rpc", 80, false) == "404");
}

TEST_CASE("lab: an RTSP request's CSeq is read and echoed where the profile put it") {
    const auto request = lab::parse_rtsp_request("OPTIONS rtsp://127.0.1.1/ RTSP/1.0\r\ncseq:  42 \r\nUser-Agent: t\r\n\r\n");
    REQUIRE(request);
    CHECK(request->method == "OPTIONS");
    CHECK(request->cseq == "42");
    const auto answer = ordered_json::parse(R"({"status": 200, "headers": {"Server": "s", "CSeq": "1", "Public": "OPTIONS"}})");
    CHECK(lab::render_rtsp_response(answer, "42") == "RTSP/1.0 200 OK\r\nServer: s\r\nCSeq: 42\r\nPublic: OPTIONS\r\n\r\n");
    const auto bare = ordered_json::parse(R"({"status": 454, "headers": {}})");
    CHECK(lab::render_rtsp_response(bare, "7") == "RTSP/1.0 454 Session Not Found\r\nCSeq: 7\r\n\r\n");
}

TEST_CASE("lab: requests that are not RTSP are recognised as such") {
    CHECK_FALSE(lab::parse_rtsp_request("GET / HTTP/1.1\r\n\r\n"));
    CHECK_FALSE(lab::parse_rtsp_request(""));
    CHECK_FALSE(lab::parse_rtsp_request(" RTSP/1.0\r\n\r\n"));
    CHECK(lab::parse_rtsp_request("OPTIONS * RTSP/1.0\r\n\r\n")->cseq.empty());
}

TEST_CASE("lab: hex banners decode with spaces between pairs and reject odd input") {
    CHECK(lab::decode_hex("00000010 0000001e") == std::string("\x00\x00\x00\x10\x00\x00\x00\x1e", 8));
    CHECK_FALSE(lab::decode_hex("0"));
    CHECK_FALSE(lab::decode_hex("zz"));
    CHECK(lab::decode_hex("")->empty());
}
