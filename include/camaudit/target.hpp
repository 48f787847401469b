// What the scan engine walks: one (address, port) pair of the target space.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <cstdint>

namespace camaudit {

struct Endpoint {
    boost::asio::ip::address address;
    std::uint16_t port = 0;
};

// A slice of the target permutation: shard `index` (1-based) of `count`.
struct Shard {
    std::uint64_t index = 1;
    std::uint64_t count = 1;
};

}  // namespace camaudit
