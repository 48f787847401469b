// One socket per asked host per UDP probe: a sender walks the address permutation under the
// token bucket, and each exchange listens on its own ephemeral port for answers from the
// address it asked only. DHIP and SSDP answers carry no request id, so the port is what ties
// an answer to the probe that asked: another host that is asked too learns its own port only,
// and a datagram forged with another host's address lands on the wrong socket (issue 14).
#include <engine/udp_sweep.hpp>

#include <engine/connect_window.hpp>
#include <engine/location_fetch.hpp>
#include <net/sender_cap.hpp>

#include <targets/permutation.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <random>
#include <sys/socket.h>
#include <utility>

namespace camaudit::engine {
namespace asio = boost::asio;
using asio::ip::udp;

namespace {

constexpr std::size_t max_datagram_bytes = 64 * 1024;
// Each exchange holds a socket for its listen window: at most this many at once per probe
// (7 probes run side by side, beside the deep probes' connections), so a sweep of many
// hosts is paced to this many per window; fewer when the open-file limit is low.
std::size_t open_exchange_limit() {
    return std::clamp<std::size_t>(descriptor_room() / 16, 16, 512);
}
constexpr auto slot_poll = std::chrono::milliseconds(20);
constexpr std::size_t max_unmatched_pairs = 256;  // distinct misdirected senders named in errors
// A burst of junk from one host fills only its own socket now, but a buffer this deep (as
// far as the kernel allows; SO_RCVBUFFORCE passes net.core.rmem_max as root) still lets the
// per-sender cap count how much it sent.
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
        : executor_(std::move(executor)), probe_(probe), context_(std::move(context)), pause_(executor_) {}

    asio::awaitable<void> run() {
        const targets::Permutation order(context_.hosts.size, context_.seed ^ probe_.port);
        targets::ShardWalk walk(order, Shard{});
        while (!context_.stopping) {
            const auto index = walk.next();
            if (!index) break;
            co_await context_.limiter.acquire();
            while (open_ >= open_limit_) co_await pause();
            ++open_;
            asio::co_spawn(executor_, exchange(context_.hosts.at(*index)), asio::detached);
        }
        while (open_ > 0) co_await pause();
        record_over_cap();
        record_unmatched();
    }

private:
    asio::awaitable<void> pause() {
        pause_.expires_after(slot_poll);
        co_await pause_.async_wait(tuple_awaitable);
    }

    // One host asked on a socket of its own, answers read until the listen window closes it.
    asio::awaitable<void> exchange(asio::ip::address address) {
        udp::socket socket(executor_);
        boost::system::error_code error;
        socket.open(address.is_v4() ? udp::v4() : udp::v6(), error);
        UdpExchange asked{address.to_string(), new_message_id(), context_.data};
        if (error) context_.error({asked.ip + ":" + std::to_string(probe_.port), std::string(probe_.name),
                                   "socket: " + error.message()});
        else co_await ask_and_listen(socket, address, asked);
        --open_;
    }

    asio::awaitable<void> ask_and_listen(udp::socket& socket, const asio::ip::address& address, const UdpExchange& asked) {
        deepen_receive_buffer(socket);
        const std::string datagram = probe_.request(asked);
        auto [error, sent] = co_await socket.async_send_to(asio::buffer(datagram), udp::endpoint(address, probe_.port),
                                                           tuple_awaitable);
        if (error) {
            context_.error({asked.ip + ":" + std::to_string(probe_.port), std::string(probe_.name), "send: " + error.message()});
            co_return;
        }
        // The window's end closes the socket, which ends the receive loop (no || operator: see
        // connect_sweep.cpp's connect_once for why).
        asio::steady_timer window(executor_, context_.listen_window);
        window.async_wait([&socket](const boost::system::error_code&) {
            boost::system::error_code ignored;
            socket.close(ignored);
        });
        std::string buffer(max_datagram_bytes, '\0');
        while (socket.is_open()) {
            udp::endpoint from;
            auto [receive_error, size] = co_await socket.async_receive_from(asio::buffer(buffer), from, tuple_awaitable);
            if (receive_error == asio::error::operation_aborted || !socket.is_open()) break;
            if (receive_error) continue;  // ICMP port unreachable and the like: a closed port, no answer
            accept(from, std::string_view(buffer).substr(0, size), asked);
        }
    }

    void accept(const udp::endpoint& from, std::string_view datagram, const UdpExchange& asked) {
        // Only the host asked on this port answers here: anything else is unsolicited or forged
        // with another host's address, and evidence of nothing.
        if (const auto sender = from.address().to_string(); sender != asked.ip) {
            if (unmatched_.size() < max_unmatched_pairs || unmatched_.contains({sender, asked.ip})) ++unmatched_[{sender, asked.ip}];
            return;
        }
        if (over_cap(asked)) return;
        auto result = probe_.interpret(datagram, asked);
        for (auto& e : result.errors) context_.error(std::move(e));
        if (result.observations.empty()) return;
        context_.host_up(from.address());
        for (auto& o : result.observations) context_.observe(stamped(std::move(o), asked));
        Observation open = stamped({}, asked);
        open.key = "udp.port.open";
        open.value = result.service.empty() ? std::string(probe_.name) : result.service;
        context_.observe(std::move(open));
    }

    // True past the per-sender cap (net/sender_cap.hpp): the rest of a flood is dropped unread.
    bool over_cap(const UdpExchange& asked) { return ++heard_[asked.ip] > net::datagrams_per_sender; }

    // One error per sender that went past the cap, with how much it sent.
    void record_over_cap() {
        for (const auto& [ip, heard] : heard_)
            if (heard > net::datagrams_per_sender)
                context_.error({ip + ":" + std::to_string(probe_.port), std::string(probe_.name), net::over_sender_cap(heard)});
    }

    // One error per sender heard on a port asked of another host: the report names the
    // address the datagrams claim, and that they were taken as evidence of nothing.
    void record_unmatched() {
        for (const auto& [pair, count] : unmatched_)
            context_.error({pair.first + ":" + std::to_string(probe_.port), std::string(probe_.name),
                            fmt::format("{} datagram{} from this address on the port that asked {} only ignored "
                                        "(unsolicited or forged source)", count, count == 1 ? "" : "s", pair.second)});
    }

    Observation stamped(Observation o, const UdpExchange& asked) const {
        o.ip = asked.ip;
        o.port = probe_.port;
        o.proto = "udp";
        o.probe = std::string(probe_.name);
        o.time = Clock::now();
        return o;
    }

    asio::any_io_executor executor_;
    const UdpProbe& probe_;
    UdpSweepContext context_;
    asio::steady_timer pause_;
    const std::size_t open_limit_ = open_exchange_limit();
    std::size_t open_ = 0;  // exchanges whose socket is still listening
    // (sender, host asked) -> datagrams from an address other than the one asked on that socket
    std::map<std::pair<std::string, std::string>, std::size_t> unmatched_;
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
