// One socket per address family per UDP probe: a sender walks the address permutation under
// the token bucket while receivers interpret answers from probed addresses only (scope: an
// answer from anywhere else is never stored or followed).
#include <engine/udp_sweep.hpp>

#include <engine/location_fetch.hpp>
#include <net/sender_cap.hpp>

#include <targets/permutation.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <map>
#include <random>
#include <sys/socket.h>

namespace camaudit::engine {
namespace asio = boost::asio;
using asio::ip::udp;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

constexpr std::size_t max_datagram_bytes = 64 * 1024;
// Every answer of a probe arrives on one socket: a buffer this deep (as far as the kernel
// allows; SO_RCVBUFFORCE passes net.core.rmem_max as root) keeps a burst of junk from one
// host from overflowing it and dropping the others' answers.
constexpr int receive_buffer_bytes = 8 << 20;

void deepen_receive_buffer(udp::socket& socket) {
    if (!socket.is_open()) return;
    const int fd = socket.native_handle();
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &receive_buffer_bytes, sizeof receive_buffer_bytes) != 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
}
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

std::string new_message_id() {
    static std::mt19937_64 random{std::random_device{}()};
    const auto a = random(), b = random();
    return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                       0x8000 | (b >> 48 & 0x3fff), b & 0xffffffffffffull);
}

class UdpRun {
public:
    UdpRun(asio::any_io_executor executor, const UdpProbe& probe, UdpSweepContext context)
        : probe_(probe), context_(std::move(context)), v4_(executor), v6_(executor) {
        boost::system::error_code ignored;
        v4_.open(udp::v4(), ignored);
        v6_.open(udp::v6(), ignored);
        deepen_receive_buffer(v4_);
        deepen_receive_buffer(v6_);
    }

    asio::awaitable<void> run() { co_await (send_all() && receive(v4_) && receive(v6_)); }

private:
    asio::awaitable<void> send_all() {
        const targets::Permutation order(context_.hosts.size, context_.seed ^ probe_.port);
        targets::ShardWalk walk(order, Shard{});
        while (!context_.stopping) {
            const auto index = walk.next();
            if (!index) break;
            co_await context_.limiter.acquire();
            const auto address = context_.hosts.at(*index);
            co_await send_one(address);
        }
        asio::steady_timer window(co_await asio::this_coro::executor, context_.listen_window);
        co_await window.async_wait(tuple_awaitable);
        boost::system::error_code ignored;
        v4_.close(ignored);
        v6_.close(ignored);
        record_over_cap();
    }

    asio::awaitable<void> send_one(asio::ip::address address) {
        UdpExchange exchange{address.to_string(), new_message_id(), context_.data};
        const std::string datagram = probe_.request(exchange);
        auto& socket = address.is_v4() ? v4_ : v6_;
        const udp::endpoint to(address, probe_.port);
        pending_[address] = exchange;
        auto [error, sent] = co_await socket.async_send_to(asio::buffer(datagram), to, tuple_awaitable);
        if (error) context_.error({exchange.ip + ":" + std::to_string(probe_.port), std::string(probe_.name),
                                   "send: " + error.message()});
    }

    asio::awaitable<void> receive(udp::socket& socket) {
        std::string buffer(max_datagram_bytes, '\0');
        while (socket.is_open()) {
            udp::endpoint from;
            auto [error, size] = co_await socket.async_receive_from(asio::buffer(buffer), from, tuple_awaitable);
            if (error == asio::error::operation_aborted || !socket.is_open()) break;
            if (error) continue;  // ICMP port unreachable and the like: a closed port, no answer
            accept(from, std::string_view(buffer).substr(0, size));
        }
    }

    void accept(const udp::endpoint& from, std::string_view datagram) {
        const auto found = pending_.find(from.address());
        if (found == pending_.end()) return;  // not an address we asked: out of scope or forged
        if (over_cap(found->second)) return;
        auto result = probe_.interpret(datagram, found->second);
        for (auto& e : result.errors) context_.error(std::move(e));
        if (result.observations.empty()) return;
        context_.host_up(from.address());
        for (auto& o : result.observations) context_.observe(stamped(std::move(o), found->second));
        Observation open = stamped({}, found->second);
        open.key = "udp.port.open";
        open.value = result.service.empty() ? std::string(probe_.name) : result.service;
        context_.observe(std::move(open));
    }

    // True past the per-sender cap (net/sender_cap.hpp): the rest of a flood is dropped unread.
    bool over_cap(const UdpExchange& exchange) { return ++heard_[exchange.ip] > net::datagrams_per_sender; }

    // One error per sender that went past the cap, with how much it sent.
    void record_over_cap() {
        for (const auto& [ip, heard] : heard_)
            if (heard > net::datagrams_per_sender)
                context_.error({ip + ":" + std::to_string(probe_.port), std::string(probe_.name), net::over_sender_cap(heard)});
    }

    Observation stamped(Observation o, const UdpExchange& exchange) const {
        o.ip = exchange.ip;
        o.port = probe_.port;
        o.proto = "udp";
        o.probe = std::string(probe_.name);
        o.time = Clock::now();
        return o;
    }

    const UdpProbe& probe_;
    UdpSweepContext context_;
    udp::socket v4_;
    udp::socket v6_;
    std::map<asio::ip::address, UdpExchange> pending_;
    std::map<std::string, std::size_t> heard_;  // datagrams per sender, only for addresses asked
};

}  // namespace

asio::awaitable<void> udp_sweep(const UdpProbe& probe, UdpSweepContext context) {
    LocationFetcher locations(probe, context);  // SSDP: in-scope LOCATIONs fetched after the sweep
    UdpRun sweep(co_await asio::this_coro::executor, probe, locations.watching(std::move(context)));
    co_await sweep.run();
    co_await locations.fetch_all();
}

}  // namespace camaudit::engine
