// Proves the ONVIF probe against real sockets on 127.0.0.1: an ONVIF device yields its
// manufacturer, model, scopes and clock; a refusing one its fault; a web server that is not
// ONVIF costs exactly one request and records nothing; a closed port is a recorded error.
#include "../net/loopback_server.hpp"

#include <doctest/doctest.h>
#include <probes/onvif_probe.hpp>

#include <boost/asio.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <functional>
#include <thread>

using namespace camaudit;
using camaudit::testing::run_awaitable;
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

// Answers each HTTP request with `answer(target, body)` (a whole response) and counts them.
class SoapServer {
public:
    using Answer = std::function<std::string(const std::string& target, const std::string& body)>;
    explicit SoapServer(Answer answer)
        : answer_(std::move(answer)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        asio::co_spawn(io_, accept_loop(), asio::detached);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~SoapServer() {
        io_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    int requests() const { return requests_; }

private:
    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [error, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
            if (error) co_return;
            asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
        }
    }
    asio::awaitable<void> serve(asio::ip::tcp::socket socket) {
        boost::beast::flat_buffer buffer;
        http::request<http::string_body> request;
        auto [error, n] = co_await http::async_read(socket, buffer, request, asio::as_tuple(asio::use_awaitable));
        if (error) co_return;
        ++requests_;
        const std::string reply = answer_(std::string(request.target()), request.body());
        co_await asio::async_write(socket, asio::buffer(reply), asio::as_tuple(asio::use_awaitable));
        boost::system::error_code ignored;
        socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    }

    Answer answer_;
    asio::io_context io_;
    asio::ip::tcp::acceptor acceptor_;
    std::thread thread_;
    std::atomic<int> requests_{0};
};

std::string http_answer(int status, const std::string& type, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type + "\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

std::string soap(const std::string& body) {
    return http_answer(200, "application/soap+xml",
                       "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body>" + body +
                           "</env:Body></env:Envelope>");
}

const std::string not_authorized = "<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode>"
                                   "<env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code></env:Fault>";

// An ONVIF device at /onvif/device_service; `locked` refuses the READ_SYSTEM calls.
std::string onvif_device(const std::string& target, const std::string& body, bool locked) {
    if (target != "/onvif/device_service") return http_answer(404, "text/html", "<html>404</html>");
    if (body.find("GetSystemDateAndTime") != std::string::npos)
        return soap("<GetSystemDateAndTimeResponse><SystemDateAndTime><UTCDateTime><Time><Hour>1</Hour><Minute>2</Minute>"
                    "<Second>3</Second></Time><Date><Year>2026</Year><Month>11</Month><Day>28</Day></Date></UTCDateTime>"
                    "</SystemDateAndTime></GetSystemDateAndTimeResponse>");
    if (body.find("GetCapabilities") != std::string::npos) return soap("<GetCapabilitiesResponse/>");
    if (locked) return soap(not_authorized);
    if (body.find("GetDeviceInformation") != std::string::npos)
        return soap("<GetDeviceInformationResponse><Manufacturer>AXIS</Manufacturer><Model>M1065-LW</Model>"
                    "</GetDeviceInformationResponse>");
    return soap("<GetScopesResponse><Scopes><ScopeItem>onvif://www.onvif.org/name/AXIS%20M1065-LW</ScopeItem></Scopes>"
                "</GetScopesResponse>");
}

ProbeResult probe(std::uint16_t port) {
    ProbeTarget target{{asio::ip::make_address("127.0.0.1"), port}, "127.0.0.1"};
    const ProbeLimits limits;
    const ProbeData data;
    return run_awaitable(probes::onvif_probe.run(target, ProbeEnv{limits, data}));
}

std::vector<std::string> values_of(const ProbeResult& result, std::string_view key) {
    std::vector<std::string> values;
    for (const auto& o : result.observations)
        if (o.key == key) values.push_back(o.value);
    return values;
}

}  // namespace

TEST_CASE("an anonymous ONVIF device gives its identity, scopes and clock in four calls") {
    SoapServer server([](const std::string& target, const std::string& body) { return onvif_device(target, body, false); });
    const auto result = probe(server.port());
    CHECK(server.requests() == 4);
    CHECK(values_of(result, "onvif.device_information.manufacturer") == std::vector<std::string>{"AXIS"});
    CHECK(values_of(result, "onvif.device_information.model") == std::vector<std::string>{"M1065-LW"});
    CHECK(values_of(result, "onvif.scopes") == std::vector<std::string>{"onvif://www.onvif.org/name/AXIS%20M1065-LW"});
    CHECK(values_of(result, "onvif.system_date_time") == std::vector<std::string>{"2026-11-28T01:02:03Z"});
    CHECK(result.errors.empty());
    for (const auto& o : result.observations) {
        CHECK(o.probe == "onvif");
        CHECK(o.port == server.port());
        CHECK(o.context.starts_with("POST /onvif/device_service Get"));
    }
}

TEST_CASE("a device that wants credentials is still seen as ONVIF through its fault") {
    SoapServer server([](const std::string& target, const std::string& body) { return onvif_device(target, body, true); });
    const auto result = probe(server.port());
    CHECK(values_of(result, "onvif.fault") == std::vector<std::string>{"ter:NotAuthorized", "ter:NotAuthorized"});
    CHECK(values_of(result, "onvif.system_date_time").size() == 1);
    CHECK(values_of(result, "onvif.device_information.manufacturer").empty());
}

TEST_CASE("a web server that is not ONVIF costs one request and records nothing") {
    for (const int status : {404, 200}) {
        INFO(status);
        SoapServer server([status](const std::string&, const std::string&) {
            return http_answer(status, "text/html", "<html><title>Login</title></html>");
        });
        const auto result = probe(server.port());
        CHECK(server.requests() == 1);
        CHECK(result.observations.empty());
        CHECK(result.errors.empty());
        CHECK(result.service.empty());
    }
}

TEST_CASE("a closed port is a recorded error, not an exception") {
    std::uint16_t port = 0;
    {
        asio::io_context io;
        asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
        port = acceptor.local_endpoint().port();
    }
    const auto result = probe(port);
    CHECK(result.observations.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].probe == "onvif");
}
