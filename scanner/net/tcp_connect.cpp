// Connect scan of one port, raced against a timer.
#include <net/tcp_connect.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace camaudit::net {

namespace asio = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

namespace {

ConnectOutcome classify(const boost::system::error_code& error) {
    namespace e = asio::error;
    if (!error) return {PortState::open, {}};
    if (error == e::connection_refused) return {PortState::closed, {}};
    if (error == e::host_unreachable || error == e::network_unreachable ||
        error == e::timed_out)
        return {PortState::filtered, error.message()};
    return {PortState::error, error.message()};
}

}  // namespace

asio::awaitable<ConnectOutcome> probe_tcp_port(asio::ip::tcp::endpoint endpoint,
                                               std::chrono::milliseconds timeout) {
    auto executor = co_await asio::this_coro::executor;
    asio::ip::tcp::socket socket(executor);
    asio::steady_timer deadline(executor, timeout);
    auto outcome = co_await (socket.async_connect(endpoint, asio::as_tuple(asio::use_awaitable)) ||
                             deadline.async_wait(asio::as_tuple(asio::use_awaitable)));
    if (outcome.index() == 1) co_return ConnectOutcome{PortState::filtered, {}};
    auto [error] = std::get<0>(outcome);
    boost::system::error_code ignored;
    socket.close(ignored);
    co_return classify(error);
}

const char* to_string(PortState state) {
    switch (state) {
        case PortState::open: return "open";
        case PortState::closed: return "closed";
        case PortState::filtered: return "filtered";
        case PortState::error: return "error";
    }
    return "error";
}

}  // namespace camaudit::net
