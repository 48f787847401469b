// One HTTP/1.1 request and its answer over TCP or TLS, with a deadline and byte caps.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace camaudit::net {

struct HttpRequest {
    std::string method = "GET";
    std::string target = "/";
    std::string host;  // Host header value
    std::string body;  // sent with Content-Type text/xml when not empty
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;  // extra fields (Authorization, ...)
    bool tls = false;
};

struct HttpLimits {
    std::chrono::milliseconds connect_timeout{1500};
    std::chrono::milliseconds exchange_timeout{4000};  // the whole exchange after connect
    std::size_t max_header_bytes = 64 * 1024;
    std::size_t max_body_bytes = 256 * 1024;
};

// The answer, or why there is none. A body cut at the cap is kept and flagged.
struct HttpResponse {
    bool ok = false;
    std::string error;  // "connect: Connection refused", "read: timed out", ...
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // original case and order
    std::string body;
    bool body_truncated = false;
};

// Why `request` must not reach the wire, or "" when it may: the target must be visible
// ASCII (0x21-0x7E), the method and header names tokens, the Host, Content-Type and header
// values printable ASCII or tab. A CR LF from a device's redirect would otherwise split the
// request into two of the device's choosing. The reason names the bad byte, escaped.
std::string request_fault(const HttpRequest& request);

// Connects, sends `request` and reads one answer. A request with a fault (request_fault) is
// refused before the connect: error "refused before sending: ...", nothing sent.
boost::asio::awaitable<HttpResponse> http_exchange(boost::asio::ip::tcp::endpoint endpoint,
                                                   HttpRequest request, HttpLimits limits);

}  // namespace camaudit::net
