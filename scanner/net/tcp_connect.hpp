// A TCP connect with a deadline, its outcome as a value: open, closed or filtered.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <string>

namespace camaudit::net {

enum class PortState { open, closed, filtered, error };

struct ConnectOutcome {
    PortState state = PortState::error;
    std::string detail;  // the system's words for an error, empty otherwise
};

// Connects and closes at once (a full-handshake connect scan: no raw sockets, no root).
// Refused is closed; a timeout or an unreachable host is filtered; anything else is error.
boost::asio::awaitable<ConnectOutcome> probe_tcp_port(boost::asio::ip::tcp::endpoint endpoint,
                                                      std::chrono::milliseconds timeout);

const char* to_string(PortState state);

}  // namespace camaudit::net
