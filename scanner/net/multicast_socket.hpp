// A UDP socket for multicast discovery on one interface only: datagrams to a group leave by
// that interface (IP_MULTICAST_IF, and SO_BINDTODEVICE where permitted), TTL 1, no loopback
// of our own probes; unicast answers come back to its ephemeral port.
#pragma once
#include <net/interface_info.hpp>

#include <boost/asio/ip/address_v4.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace camaudit::net {

struct Datagram {
    boost::asio::ip::address_v4 from;
    std::uint16_t from_port = 0;
    std::string bytes;
};

class MulticastSocket {
public:
    // Throws RunError when the socket cannot be made or tied to the interface.
    explicit MulticastSocket(const InterfaceInfo& interface);
    ~MulticastSocket();
    MulticastSocket(const MulticastSocket&) = delete;
    MulticastSocket& operator=(const MulticastSocket&) = delete;

    int descriptor() const { return fd_; }
    bool bound_to_device() const { return bound_to_device_; }

    // Returns false with errno set when the kernel refuses the datagram.
    bool send_to(const boost::asio::ip::address_v4& group, std::uint16_t port, std::string_view bytes);
    // One waiting datagram (non-blocking), capped at `max_bytes`; nullopt when none waits.
    std::optional<Datagram> receive(std::size_t max_bytes);

private:
    int fd_ = -1;
    bool bound_to_device_ = false;
};

}  // namespace camaudit::net
