// The RTSP probe: OPTIONS, then DESCRIBE, each on its own connection, never with credentials;
// the answers (Server, Public, the digest realm, an SDP when one is given) become observations.
#include <probes/rtsp_probe.hpp>

#include <parse/rtsp_answer.hpp>
#include <probes/port_table.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <algorithm>

namespace camaudit::probes {
namespace {

namespace asio = boost::asio;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

bool applies(std::uint16_t port) { return service_name(port) == "rtsp"; }

std::string request_text(const ProbeTarget& target, std::string_view method, int cseq) {
    const std::string host = target.endpoint.address.is_v6() ? "[" + target.ip + "]" : target.ip;
    std::string text = std::string(method) + " rtsp://" + host + ":" + std::to_string(target.endpoint.port) +
                       "/ RTSP/1.0\r\nCSeq: " + std::to_string(cseq) + "\r\n";
    if (method == "DESCRIBE") text += "Accept: application/sdp\r\n";
    return text + "User-Agent: camaudit/" CAMAUDIT_VERSION " (inventory scan)\r\n\r\n";
}

// The bytes of one exchange (head and as much body as announced, within the caps), or why
// there are none.
struct Exchange {
    std::string bytes;
    std::size_t head_length = 0;
    std::string error;
};

asio::awaitable<Exchange> exchange(ProbeTarget target, ProbeLimits limits, std::string request) {
    Exchange out;
    auto executor = co_await asio::this_coro::executor;
    boost::beast::tcp_stream stream(executor);
    stream.expires_after(limits.connect_timeout);
    const asio::ip::tcp::endpoint endpoint(target.endpoint.address, target.endpoint.port);
    auto [connect_error] = co_await stream.async_connect(endpoint, tuple_awaitable);
    if (connect_error) co_return Exchange{{}, 0, "connect: " + connect_error.message()};
    stream.expires_after(limits.exchange_timeout);
    const auto request_buffer = asio::buffer(request);
    auto [write_error, written] = co_await asio::async_write(stream, request_buffer, tuple_awaitable);
    if (write_error) co_return Exchange{{}, 0, "write: " + write_error.message()};
    const std::size_t head_cap = std::min(limits.max_header_bytes, parse::max_rtsp_head_bytes);
    auto head_buffer = asio::dynamic_buffer(out.bytes, head_cap);
    auto [read_error, head_length] = co_await asio::async_read_until(stream, head_buffer, "\r\n\r\n", tuple_awaitable);
    if (read_error) co_return Exchange{{}, 0, "read: " + read_error.message()};
    out.head_length = head_length;
    const auto head = parse::parse_rtsp_head(std::string_view(out.bytes).substr(0, head_length));
    const std::size_t wanted = head_length + std::min(head.content_length, parse::max_rtsp_body_bytes);
    if (out.bytes.size() < wanted) {
        auto body_buffer = asio::dynamic_buffer(out.bytes, wanted);
        const auto missing = wanted - out.bytes.size();
        auto [body_error, body_read] = co_await asio::async_read(stream, body_buffer, asio::transfer_exactly(missing), tuple_awaitable);
        (void)body_error;  // a short body is kept as it is: the head already said what matters
        (void)body_read;
    }
    out.bytes.resize(std::min(out.bytes.size(), wanted));
    co_return out;
}

void record(ProbeResult& result, const ProbeTarget& target, const ProbeLimits& limits,
            std::string_view method, const Exchange& exchange) {
    const std::string where = target.ip + ":" + std::to_string(target.endpoint.port);
    if (!exchange.error.empty()) {
        result.errors.push_back({where, "rtsp", std::string(method) + ": " + exchange.error});
        return;
    }
    auto head = parse::parse_rtsp_head(std::string_view(exchange.bytes).substr(0, exchange.head_length));
    if (head.outcome != parse::RtspParse::ok) {
        const char* why = head.outcome == parse::RtspParse::wrong_protocol ? "not an RTSP answer" : "malformed RTSP answer";
        result.errors.push_back({where, "rtsp", std::string(method) + ": " + why});
        return;
    }
    head.answer.body = exchange.bytes.substr(exchange.head_length);
    Observation base;
    base.ip = target.ip;
    base.port = target.endpoint.port;
    base.proto = "tcp";
    base.probe = "rtsp";
    base.context = std::string(method) + " rtsp://" + where + "/";
    base.time = Clock::now();
    for (auto& o : parse::rtsp_observations(head.answer, method, base, limits.max_value_bytes))
        result.observations.push_back(std::move(o));
    result.service = "rtsp";
}

// Every co_await takes named values and stands alone in its statement (GCC 12, PR 100611).
asio::awaitable<ProbeResult> run(ProbeTarget target, ProbeEnv env) {
    ProbeResult result;
    const ProbeLimits limits = env.limits;
    std::string request = request_text(target, "OPTIONS", 1);
    const Exchange options = co_await exchange(target, limits, request);
    record(result, target, limits, "OPTIONS", options);
    if (!options.error.empty() && options.error.starts_with("connect:")) co_return result;
    request = request_text(target, "DESCRIBE", 2);
    const Exchange describe = co_await exchange(target, limits, request);
    record(result, target, limits, "DESCRIBE", describe);
    co_return result;
}

}  // namespace

const DeepProbe rtsp_probe{
    "rtsp",
    "RTSP: OPTIONS and DESCRIBE without credentials (Server, Public, realm, SDP)",
    parse::rtsp_observation_keys,
    applies,
    run,
};

}  // namespace camaudit::probes
