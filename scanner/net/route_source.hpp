// The local address the kernel would send from towards a destination, learnt without sending:
// a connected UDP socket has its source chosen by the routing table, and connect() on UDP
// puts nothing on the wire.
#pragma once
#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <vector>

namespace camaudit::net {

// The source address for `destination`, or nothing when no route leads there.
std::optional<boost::asio::ip::address> route_source(const boost::asio::ip::address& destination);

// The distinct source addresses for the first `limit` of `destinations`, in first-seen order.
std::vector<std::string> route_sources(const std::vector<boost::asio::ip::address>& destinations, std::size_t limit);

}  // namespace camaudit::net
