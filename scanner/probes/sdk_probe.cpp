// The Hikvision SDK-port probe: on the "hikvision-sdk" port (8000) it waits briefly for bytes
// the device sends unasked, else sends a few junk bytes; Hikvision's private protocol answers
// either with a fixed 16-byte header (research/banned-vendor-facts.md §1.6). The first bytes of
// the answer become one tcp.banner.hex observation; signatures decide what they mean.
#include <probes/sdk_probe.hpp>

#include <probes/port_table.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <algorithm>
#include <array>

namespace camaudit::probes {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// After the first bytes, how long to wait for the rest of a reply split across segments.
constexpr std::chrono::milliseconds settle_wait{200};

constexpr std::string_view emitted_keys[] = {"tcp.banner.hex"};

bool applies(std::uint16_t port) { return service_name(port) == "hikvision-sdk"; }

struct ReadEnd {
    enum Kind { data, timeout, closed } kind;
    std::string why;  // for `closed`: the socket's error ("End of file", "Connection reset…")
};

// One read of what fits below `cap` into `banner`, raced against `wait`; the socket stays open
// when the timer wins.
asio::awaitable<ReadEnd> read_within(tcp::socket& socket, std::string& banner, std::size_t cap,
                                     std::chrono::milliseconds wait) {
    std::array<char, sdk_banner_max_bytes> chunk{};
    const std::size_t room = std::min(chunk.size(), cap - banner.size());
    asio::steady_timer deadline(socket.get_executor(), wait);
    auto read = socket.async_read_some(asio::buffer(chunk.data(), room), tuple_awaitable);
    auto timer = deadline.async_wait(tuple_awaitable);
    auto race = std::move(read) || std::move(timer);
    auto outcome = co_await std::move(race);
    if (outcome.index() == 1) co_return ReadEnd{ReadEnd::timeout, {}};
    const auto [error, size] = std::get<0>(outcome);
    banner.append(chunk.data(), size);
    if (size > 0) co_return ReadEnd{ReadEnd::data, {}};
    co_return ReadEnd{ReadEnd::closed, error ? error.message() : "closed"};
}

// The bytes one connection yielded, whether junk had to be sent for them, or why there are none.
struct Reply {
    std::string bytes;
    bool sent_junk = false;
    std::string error;
};

// Asks (junk) only when the greeting wait passes in silence, then reads until the cap, a pause
// of settle_wait, the peer's close or the exchange deadline.
asio::awaitable<void> converse(tcp::socket& socket, const ProbeLimits& limits, Reply& reply) {
    const auto give_up = std::chrono::steady_clock::now() + limits.exchange_timeout;
    const std::size_t cap = std::min(sdk_banner_max_bytes, limits.max_value_bytes / 2);
    const std::chrono::milliseconds greeting_wait = std::min(sdk_greeting_wait, limits.exchange_timeout);
    const std::chrono::milliseconds reply_wait = std::min(sdk_reply_wait, limits.exchange_timeout);
    ReadEnd end = co_await read_within(socket, reply.bytes, cap, greeting_wait);
    if (end.kind == ReadEnd::timeout) {
        reply.sent_junk = true;
        const auto junk = asio::buffer(sdk_junk_request);
        auto [write_error, written] = co_await asio::async_write(socket, junk, tuple_awaitable);
        if (write_error) {
            reply.error = "write: " + write_error.message();
            co_return;
        }
        end = co_await read_within(socket, reply.bytes, cap, reply_wait);
    }
    if (end.kind == ReadEnd::timeout)
        reply.error = "no reply within " + std::to_string(reply_wait.count()) + " ms";
    if (end.kind == ReadEnd::closed) reply.error = "closed without a reply (" + end.why + ")";
    while (end.kind == ReadEnd::data && reply.bytes.size() < cap && std::chrono::steady_clock::now() < give_up)
        end = co_await read_within(socket, reply.bytes, cap, settle_wait);
}

// Every co_await takes named values and stands alone in its statement (GCC 12, PR 100611).
asio::awaitable<Reply> exchange(ProbeTarget target, ProbeLimits limits) {
    Reply reply;
    auto executor = co_await asio::this_coro::executor;
    boost::beast::tcp_stream stream(executor);
    stream.expires_after(limits.connect_timeout);
    const tcp::endpoint endpoint(target.endpoint.address, target.endpoint.port);
    auto [connect_error] = co_await stream.async_connect(endpoint, tuple_awaitable);
    if (connect_error) {
        reply.error = "connect: " + connect_error.message();
        co_return reply;
    }
    stream.expires_never();  // from here each read races its own timer
    co_await converse(stream.socket(), limits, reply);
    co_return reply;
}

std::string lower_hex(std::string_view bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const unsigned char byte : bytes) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0x0f];
    }
    return hex;
}

void record(ProbeResult& result, const ProbeTarget& target, const Reply& reply) {
    const std::string port = std::to_string(target.endpoint.port);
    const std::string asked = reply.sent_junk
        ? "reply to " + std::to_string(sdk_junk_request.size()) + " junk bytes"
        : "greeting (nothing sent)";
    if (reply.bytes.empty()) {
        result.errors.push_back({target.ip + ":" + port, "hiksdk", asked + ": " + reply.error});
        return;
    }
    Observation banner;
    banner.ip = target.ip;
    banner.key = "tcp.banner.hex";
    banner.port = target.endpoint.port;
    banner.proto = "tcp";
    banner.value = lower_hex(reply.bytes);
    banner.probe = "hiksdk";
    banner.context = "port " + port + " " + asked;
    banner.time = Clock::now();
    result.observations.push_back(std::move(banner));
}

asio::awaitable<ProbeResult> run(ProbeTarget target, ProbeEnv env) {
    ProbeResult result;
    const ProbeLimits limits = env.limits;
    const Reply reply = co_await exchange(target, limits);
    record(result, target, reply);
    co_return result;
}

}  // namespace

const DeepProbe sdk_probe{
    "hiksdk",
    "Hikvision SDK port: waits for a greeting, else sends 4 junk bytes; the first 64 bytes of the answer, in hex",
    emitted_keys,
    applies,
    run,
};

}  // namespace camaudit::probes
