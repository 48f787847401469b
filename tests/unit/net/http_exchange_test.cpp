// Proves the HTTP exchange keeps a device's answer as sent (header case and order), and that
// a device answering garbage, too much, too slowly or never costs a bounded error, not a hang.
#include "loopback_server.hpp"

#include <doctest/doctest.h>
#include <net/http_exchange.hpp>

#include <atomic>

using namespace camaudit;
using camaudit::testing::LoopbackServer;
using camaudit::testing::run_awaitable;

namespace {

net::HttpResponse fetch(const LoopbackServer& server, net::HttpLimits limits = {}) {
    net::HttpRequest request{.method = "GET", .target = "/", .host = "127.0.0.1", .body = {},
                             .content_type = {}, .headers = {}, .tls = false};
    return run_awaitable(net::http_exchange(server.endpoint(), request, limits));
}

}  // namespace

TEST_CASE("an answer keeps its header names' case and order, and its body") {
    LoopbackServer server({{"HTTP/1.1 200 OK\r\nCONNECTION: close\r\nDate: x\r\nCONTENT-LENGTH: 5\r\n\r\nhello"}});
    const auto response = fetch(server);
    REQUIRE(response.ok);
    CHECK(response.status == 200);
    REQUIRE(response.headers.size() == 3);
    CHECK(response.headers[0].first == "CONNECTION");
    CHECK(response.headers[2].first == "CONTENT-LENGTH");
    CHECK(response.body == "hello");
    CHECK_FALSE(response.body_truncated);
}

TEST_CASE("a body over the cap is cut and flagged, not read forever") {
    const std::string big(300 * 1024, 'x');
    LoopbackServer server({{"HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(big.size()) + "\r\n\r\n", big}});
    net::HttpLimits limits;
    limits.max_body_bytes = 1024;
    const auto response = fetch(server, limits);
    REQUIRE(response.ok);
    CHECK(response.body_truncated);
    CHECK(response.body.size() <= 1024);
}

TEST_CASE("a header over the cap is an error") {
    LoopbackServer server({{"HTTP/1.1 200 OK\r\nX-Big: " + std::string(200 * 1024, 'a') + "\r\n\r\n"}});
    const auto response = fetch(server);
    CHECK_FALSE(response.ok);
    CHECK(response.error.find("read:") == 0);
}

TEST_CASE("garbage instead of HTTP is an error") {
    LoopbackServer server({{std::string("\x00\x01\x02garbage\r\n\r\n", 14)}});
    const auto response = fetch(server);
    CHECK_FALSE(response.ok);
}

TEST_CASE("a device that drips bytes is cut off at the exchange deadline") {
    LoopbackServer server({{"HTTP/1.1 200 OK\r\n", "X", "-", "A", ":", " ", "b"}, std::chrono::milliseconds(400)});
    net::HttpLimits limits;
    limits.exchange_timeout = std::chrono::milliseconds(500);
    const auto started = std::chrono::steady_clock::now();
    const auto response = fetch(server, limits);
    CHECK_FALSE(response.ok);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
}

TEST_CASE("a closed port is a connect error") {
    boost::asio::ip::tcp::endpoint closed;
    {
        LoopbackServer server(LoopbackServer::Behaviour{});
        closed = server.endpoint();
    }  // the listener is gone: the port now refuses
    net::HttpRequest request{.method = "GET", .target = "/", .host = "x", .body = {}, .content_type = {}, .headers = {}, .tls = false};
    const auto response = run_awaitable(net::http_exchange(closed, request, {}));
    CHECK_FALSE(response.ok);
    CHECK(response.error.find("connect:") == 0);
}

TEST_CASE("a request target or header value with CR, LF, NUL or a control byte never reaches the wire") {
    std::atomic<int> connections{0};
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    acceptor.non_blocking(true);
    const auto endpoint = acceptor.local_endpoint();
    const auto refused = [&](net::HttpRequest request) {
        const auto response = run_awaitable(net::http_exchange(endpoint, request, {}));
        boost::system::error_code error;
        boost::asio::ip::tcp::socket accepted(io);
        acceptor.accept(accepted, error);  // a connect would be waiting in the backlog
        if (!error) ++connections;
        return !response.ok && response.error.starts_with("refused before sending: ");
    };
    net::HttpRequest split;
    split.target = "/next\r\nX-Split: injected";
    CHECK(refused(split));
    net::HttpRequest nul;
    nul.target = std::string("/a\0b", 4);
    CHECK(refused(nul));
    net::HttpRequest space;
    space.target = "/a b";
    CHECK(refused(space));
    net::HttpRequest header;
    header.headers = {{"Authorization", "Digest x\r\nX-Split: 1"}};
    CHECK(refused(header));
    net::HttpRequest host;
    host.host = "127.0.0.1\n";
    CHECK(refused(host));
    CHECK(connections == 0);
    CHECK(net::request_fault(split).find("0x0d") != std::string::npos);
    net::HttpRequest fine;
    fine.target = "/onvif/device_service";
    fine.host = "127.0.0.1:80";
    fine.headers = {{"Authorization", "Digest username=\"a\",\tnonce=\"b\""}};
    CHECK(net::request_fault(fine).empty());
}
