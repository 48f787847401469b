// The lab's responders. Each connection is one flat coroutine; every read has a deadline and
// a byte cap, so a scanner (or a broken test) can never hang the lab. Hostile devices stop as
// soon as a write fails, so a client that goes away ends them.
#include <lab/servers.hpp>
#include <lab/responses.hpp>
#include <lab/onvif_auth.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <random>

namespace camaudit::lab {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr auto idle_timeout = 3s;             // brief: other ports read with a 3 s idle timeout
constexpr auto request_timeout = 5s;          // a whole request head+body, or a handshake
constexpr std::size_t http_header_limit = 16 * 1024;
constexpr std::size_t http_body_limit = 64 * 1024;
constexpr std::size_t rtsp_head_limit = 8 * 1024;
constexpr std::size_t sink_byte_cap = 64 * 1024;
constexpr int max_requests_per_connection = 32;
// Hostile devices: a client that takes no bytes for hostile_write_timeout is treated as gone,
// and no hostile connection outlives hostile_hold_limit (the lab must never leak).
constexpr auto hostile_write_timeout = 30s;
constexpr auto hostile_hold_limit = 10min;
constexpr auto drip_interval = 1s;
constexpr std::string_view drip_pattern = "X-Drip: 1\r\n";  // valid-looking header lines, byte by byte
constexpr std::size_t garbage_bytes = 4096;
constexpr auto garbage_drain_timeout = 1s;

template <class Stream>
asio::awaitable<void> http_exchanges(Stream& stream, const PortSpec& spec) {
    beast::flat_buffer buffer(http_header_limit + http_body_limit);
    auto& lowest = beast::get_lowest_layer(stream);
    for (int i = 0; i < max_requests_per_connection; ++i) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(http_header_limit);
        parser.body_limit(http_body_limit);
        lowest.expires_after(request_timeout);
        const auto [read_error, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (read_error) co_return;
        const auto& request = parser.get();
        const auto* entry = find_http_entry(spec.profile->data, std::string(request.method_string()),
                                            std::string(request.target()), spec.port,
                                            spec.service == Service::https);
        const auto refusal = entry ? std::nullopt : onvif_digest_refusal(spec.profile->data, request.method_string(),
                                     request.target(), request.body(), request[http::field::authorization]);
        const auto onvif = entry || refusal ? refusal : render_onvif_response(spec.profile->data, request.method_string(),
                                   request.target(), request.body(), std::chrono::system_clock::now());
        const std::string bytes = entry ? render_http_response(*entry) : onvif ? *onvif : render_http_not_found();
        lowest.expires_after(request_timeout);
        const auto [write_error, written] = co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
        if (write_error || !entry || !request.keep_alive() || closes_connection(*entry)) co_return;
    }
}

asio::awaitable<void> serve_http(tcp::socket socket, PortSpec spec) {
    beast::tcp_stream stream(std::move(socket));
    co_await http_exchanges(stream, spec);
    boost::system::error_code ignored;  // the peer may be gone already
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> serve_https(tcp::socket socket, PortSpec spec) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *spec.tls);
    beast::get_lowest_layer(stream).expires_after(request_timeout);
    const auto [error] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (error) co_return;
    co_await http_exchanges(stream, spec);
    beast::get_lowest_layer(stream).expires_after(1s);  // close_notify, but never wait long for it
    co_await stream.async_shutdown(use_tuple);
}

nlohmann::ordered_json rtsp_answer(const Profile& profile, const std::string& method) {
    const char* key = method == "OPTIONS" ? "rtsp_options" : method == "DESCRIBE" ? "rtsp_describe_unauth" : nullptr;
    if (key != nullptr && profile.data.contains(key) && profile.data[key].is_object()) return profile.data[key];
    // The profile says nothing about this request: answer as a server that has no such thing.
    return {{"status", key != nullptr ? 404 : 501}, {"headers", nlohmann::ordered_json::object()}};
}

asio::awaitable<void> serve_rtsp(tcp::socket socket, PortSpec spec) {
    beast::tcp_stream stream(std::move(socket));
    std::string pending;
    for (int i = 0; i < max_requests_per_connection; ++i) {
        stream.expires_after(request_timeout);
        const auto [read_error, head_size] =
            co_await asio::async_read_until(stream, asio::dynamic_buffer(pending, rtsp_head_limit), "\r\n\r\n", use_tuple);
        if (read_error) co_return;
        const auto request = parse_rtsp_request(std::string_view(pending).substr(0, head_size));
        pending.erase(0, head_size);
        if (!request) co_return;
        const std::string bytes = render_rtsp_response(rtsp_answer(*spec.profile, request->method), request->cseq);
        const auto [write_error, written] = co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
        if (write_error) co_return;
    }
}

// Reads until the peer goes quiet, closes or sends too much; answers each read with `reply`.
asio::awaitable<void> serve_quietly(tcp::socket socket, std::string reply) {
    beast::tcp_stream stream(std::move(socket));
    std::array<char, 4096> chunk{};
    for (std::size_t total = 0; total < sink_byte_cap;) {
        stream.expires_after(idle_timeout);
        const auto [read_error, read] = co_await stream.async_read_some(asio::buffer(chunk), use_tuple);
        if (read_error) co_return;
        total += read;
        if (reply.empty()) continue;
        stream.expires_after(request_timeout);
        const auto [write_error, written] = co_await asio::async_write(stream, asio::buffer(reply), use_tuple);
        if (write_error) co_return;
    }
}

// ---- hostile devices (profile `behaviour`) ----

// Reads the request head up to the blank line, the cap or the deadline; false when the peer
// closed or reset (a hostile device answers a client that sent nothing, or too much, anyway).
asio::awaitable<bool> read_request(beast::tcp_stream& stream) {
    std::string head;
    auto buffer = asio::dynamic_buffer(head, http_header_limit);
    stream.expires_after(request_timeout);
    const auto [error, size] = co_await asio::async_read_until(stream, buffer, "\r\n\r\n", use_tuple);
    co_return !error || error == beast::error::timeout || error == asio::error::not_found;
}

// False once the peer is gone, or took nothing for hostile_write_timeout.
template <class Buffers>
asio::awaitable<bool> write_all(beast::tcp_stream& stream, Buffers buffers) {
    stream.expires_after(hostile_write_timeout);
    const auto [error, written] = co_await asio::async_write(stream, buffers, use_tuple);
    co_return !error;
}

const std::string& filler() {
    static const std::string bytes(endless_chunk_size, 'a');
    return bytes;
}

asio::awaitable<void> drip(beast::tcp_stream& stream) {
    if (!co_await read_request(stream)) co_return;
    const auto status_line = asio::buffer(drip_status_line);
    if (!co_await write_all(stream, status_line)) co_return;
    asio::steady_timer timer(stream.get_executor());
    const auto until = std::chrono::steady_clock::now() + hostile_hold_limit;
    for (std::size_t i = 0; std::chrono::steady_clock::now() < until; ++i) {
        timer.expires_after(drip_interval);
        co_await timer.async_wait(use_tuple);
        const auto one_byte = asio::buffer(drip_pattern.substr(i % drip_pattern.size(), 1));
        if (!co_await write_all(stream, one_byte)) co_return;
    }
}

asio::awaitable<void> huge_header(beast::tcp_stream& stream) {
    if (!co_await read_request(stream)) co_return;
    const auto prefix = asio::buffer(huge_header_prefix);
    if (!co_await write_all(stream, prefix)) co_return;
    const auto block = asio::buffer(filler());
    for (std::size_t sent = 0; sent < huge_header_bytes; sent += filler().size())
        if (!co_await write_all(stream, block)) co_return;
    const auto tail = asio::buffer(huge_header_tail);
    if (!co_await write_all(stream, tail)) co_return;
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> endless_body(beast::tcp_stream& stream, bool chunked) {
    if (!co_await read_request(stream)) co_return;
    const std::string head = endless_body_head(chunked);
    const auto head_buffer = asio::buffer(head);
    if (!co_await write_all(stream, head_buffer)) co_return;
    const std::array<asio::const_buffer, 3> chunk{asio::buffer(endless_chunk_head), asio::buffer(filler()),
                                                  asio::buffer("\r\n", 2)};
    const std::array<asio::const_buffer, 1> raw{asio::buffer(filler())};
    const auto until = std::chrono::steady_clock::now() + hostile_hold_limit;
    while (std::chrono::steady_clock::now() < until) {
        bool written = false;
        if (chunked)
            written = co_await write_all(stream, chunk);
        else
            written = co_await write_all(stream, raw);
        if (!written) co_return;
    }
}

// A well-formed start, then 32 MiB of ever deeper elements, exactly as long as announced.
asio::awaitable<void> huge_xml(beast::tcp_stream& stream) {
    if (!co_await read_request(stream)) co_return;
    const std::string head = huge_xml_head();
    const auto head_buffer = asio::buffer(head);
    if (!co_await write_all(stream, head_buffer)) co_return;
    static const std::string nested = [] {
        std::string bytes;
        while (bytes.size() < endless_chunk_size) bytes += huge_xml_element;
        return bytes;
    }();
    const auto block = asio::buffer(nested);
    for (std::size_t i = 0; i < huge_xml_chunks; ++i)
        if (!co_await write_all(stream, block)) co_return;
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// Random bytes at once, then an orderly close: the client's request, if any, is drained so
// that the close is a FIN and the garbage arrives (unread data would turn it into a RST).
asio::awaitable<void> garbage(beast::tcp_stream& stream) {
    std::random_device seed;
    std::mt19937 random(seed());
    std::string bytes(garbage_bytes, '\0');
    for (auto& byte : bytes) byte = static_cast<char>(random() & 0xff);
    const auto buffer = asio::buffer(bytes);
    if (!co_await write_all(stream, buffer)) co_return;
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 4096> chunk{};
    for (;;) {
        stream.expires_after(garbage_drain_timeout);
        const auto [error, read] = co_await stream.async_read_some(asio::buffer(chunk), use_tuple);
        if (error) co_return;
    }
}

// SO_LINGER 0 turns the close into a RST.
asio::awaitable<void> reset(beast::tcp_stream& stream) {
    if (!co_await read_request(stream)) co_return;
    boost::system::error_code ignored;
    stream.socket().set_option(asio::socket_base::linger(true, 0), ignored);
    stream.socket().close(ignored);
}

// Never sends; holds the connection, discarding what arrives, until the client closes.
asio::awaitable<void> silent(beast::tcp_stream& stream) {
    std::array<char, 4096> chunk{};
    stream.expires_after(hostile_hold_limit);  // for every read from here on
    for (;;) {
        const auto [error, read] = co_await stream.async_read_some(asio::buffer(chunk), use_tuple);
        if (error) co_return;
    }
}

Behaviour behaviour_of(const Profile& profile) {
    const auto it = profile.data.find("behaviour");
    if (it == profile.data.end() || !it->is_string()) return Behaviour::normal;
    return behaviour_named(it->get<std::string>()).value_or(Behaviour::normal);
}

bool contains_port(const nlohmann::ordered_json& data, const char* key, std::uint16_t port);

asio::awaitable<void> serve_hostile(tcp::socket socket, PortSpec spec) {
    beast::tcp_stream stream(std::move(socket));
    const bool chunked = contains_port(spec.profile->data, "http_ports", spec.port);
    switch (behaviour_of(*spec.profile)) {
    case Behaviour::drip: co_await drip(stream); break;
    case Behaviour::huge_header: co_await huge_header(stream); break;
    case Behaviour::endless_body: co_await endless_body(stream, chunked); break;
    case Behaviour::garbage: co_await garbage(stream); break;
    case Behaviour::reset: co_await reset(stream); break;
    case Behaviour::silent: co_await silent(stream); break;
    case Behaviour::huge_xml: co_await huge_xml(stream); break;
    case Behaviour::normal: break;
    }
}

asio::awaitable<void> serve(tcp::socket socket, PortSpec spec) {
    switch (spec.service) {
    case Service::http: return serve_http(std::move(socket), std::move(spec));
    case Service::https: return serve_https(std::move(socket), std::move(spec));
    case Service::rtsp: return serve_rtsp(std::move(socket), std::move(spec));
    case Service::banner:
        return serve_quietly(std::move(socket), *decode_hex(spec.profile->data["tcp_8000_banner_hex"].get<std::string>()));
    case Service::hostile: return serve_hostile(std::move(socket), std::move(spec));
    case Service::sink: break;
    }
    return serve_quietly(std::move(socket), {});
}

bool contains_port(const nlohmann::ordered_json& data, const char* key, std::uint16_t port) {
    const auto it = data.find(key);
    return it != data.end() && it->is_array() && std::find(it->begin(), it->end(), port) != it->end();
}

}  // namespace

Service service_for(const Profile& profile, std::uint16_t port) {
    const auto& data = profile.data;
    if (behaviour_of(profile) != Behaviour::normal) return Service::hostile;
    if (contains_port(data, "https_ports", port)) return Service::https;
    if (contains_port(data, "http_ports", port) || contains_port(data, "onvif_ports", port)) return Service::http;
    if ((port == 554 || port == 8554) && data.contains("rtsp_options") && data["rtsp_options"].is_object())
        return Service::rtsp;
    if (port == 8000 && data.contains("tcp_8000_banner_hex") && data["tcp_8000_banner_hex"].is_string())
        return Service::banner;
    return Service::sink;
}

asio::awaitable<void> accept_loop(tcp::acceptor acceptor, PortSpec spec) {
    for (;;) {
        auto [error, socket] = co_await acceptor.async_accept(use_tuple);
        if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        if (error) {  // out of descriptors or similar: back off instead of spinning
            asio::steady_timer pause(acceptor.get_executor(), 50ms);
            co_await pause.async_wait(use_tuple);
            continue;
        }
        asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), spec), asio::detached);
    }
}

}  // namespace camaudit::lab
