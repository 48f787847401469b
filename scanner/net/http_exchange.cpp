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

namespace camaudit::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {


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

asio::awaitable<HttpResponse> http_exchange(asio::ip::tcp::endpoint endpoint, HttpRequest request,
                                            HttpLimits limits) {
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
