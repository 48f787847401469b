// HTTP over Beast: one connection per request (Connection: close), TLS without validation
// (a scanner reads certificates, it does not trust them), deadline over the whole exchange.
#include <net/http_exchange.hpp>
#include <net/tls_context.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>
#include <string_view>

namespace camaudit::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

constexpr std::size_t max_target_bytes = 2048;

bool visible(char c) { return c > 0x20 && c < 0x7f; }
bool printable_or_tab(char c) { return (c >= 0x20 && c < 0x7f) || c == '\t'; }
bool token(char c) { return visible(c) && std::string_view("\"(),/:;<=>?@[\\]{}").find(c) == std::string_view::npos; }

// "" when every byte of `text` passes `allowed` (and it is not empty when `required`);
// otherwise what is wrong with `what`, the first bad byte escaped.
template <class Allowed>
std::string check(std::string_view what, std::string_view text, Allowed allowed, bool required = false) {
    if (required && text.empty()) return fmt::format("{} is empty", what);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!allowed(text[i]))
            return fmt::format("{} holds byte 0x{:02x} at offset {} (CR, LF, NUL and other control bytes never go "
                               "on the wire)", what, static_cast<unsigned char>(text[i]), i);
    return {};
}

http::request<http::string_body> build_request(const HttpRequest& request) {
    const auto verb = http::string_to_verb(request.method);
    http::request<http::string_body> out{verb == http::verb::unknown ? http::verb::get : verb,
                                         request.target, 11};
    out.set(http::field::host, request.host);
    out.set(http::field::user_agent, "camaudit/" CAMAUDIT_VERSION " (inventory scan)");
    out.set(http::field::accept, "*/*");
    out.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers) out.set(name, value);
    if (!request.body.empty()) {
        out.set(http::field::content_type, request.content_type);
        out.body() = request.body;
        out.prepare_payload();
    }
    return out;
}

HttpResponse failure(std::string error) {
    HttpResponse response;
    response.error = std::move(error);
    return response;
}

void keep_answer(http::response_parser<http::string_body>& parser, HttpResponse& response) {
    auto& message = parser.get();
    response.status = message.result_int();
    for (const auto& field : message)
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    response.body = std::move(message.body());
}

template <class Stream>
asio::awaitable<HttpResponse> exchange_on(Stream& stream, const HttpRequest& request,
                                          const HttpLimits& limits) {
    HttpResponse response;
    auto message = build_request(request);
    auto [write_error, written] = co_await http::async_write(stream, message, tuple_awaitable);
    if (write_error) {
        response.error = "write: " + write_error.message();
        co_return response;
    }
    beast::flat_buffer buffer(limits.max_header_bytes + limits.max_body_bytes + 1024);
    http::response_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    if (request.method == "HEAD") parser.skip(true);
    auto [read_error, read] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
    const bool header_done = parser.is_header_done();
    if (header_done && (!read_error || read_error == http::error::body_limit ||
                        read_error == http::error::partial_message)) {
        keep_answer(parser, response);
        response.body_truncated = read_error == http::error::body_limit;
        response.ok = true;
    } else {
        response.error = "read: " + (read_error ? read_error.message() : "no answer");
    }
    co_return response;
}

}  // namespace

std::string request_fault(const HttpRequest& request) {
    if (request.target.size() > max_target_bytes) return fmt::format("request target longer than {} bytes", max_target_bytes);
    std::string fault = check("request target", request.target, visible, true);
    if (fault.empty()) fault = check("method", request.method, token, true);
    if (fault.empty()) fault = check("Host", request.host, printable_or_tab);
    if (fault.empty()) fault = check("Content-Type", request.content_type, printable_or_tab);
    for (const auto& [name, value] : request.headers) {
        if (fault.empty()) fault = check("a header name", name, token, true);
        if (fault.empty()) fault = check("header " + name, value, printable_or_tab);
    }
    return fault;
}

asio::awaitable<HttpResponse> http_exchange(asio::ip::tcp::endpoint endpoint, HttpRequest request,
                                            HttpLimits limits) {
    if (auto fault = request_fault(request); !fault.empty()) co_return failure("refused before sending: " + fault);
    auto executor = co_await asio::this_coro::executor;
    beast::tcp_stream tcp(executor);
    tcp.expires_after(limits.connect_timeout);
    auto [connect_error] = co_await tcp.async_connect(endpoint, tuple_awaitable);
    if (connect_error) co_return failure("connect: " + connect_error.message());
    tcp.expires_after(limits.exchange_timeout);
    if (!request.tls) co_return co_await exchange_on(tcp, request, limits);

    beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp), client_tls_context());
    auto [handshake_error] =
        co_await tls.async_handshake(asio::ssl::stream_base::client, tuple_awaitable);
    if (handshake_error) co_return failure("tls: " + handshake_error.message());
    co_return co_await exchange_on(tls, request, limits);
}

}  // namespace camaudit::net
