// Plain sockets rather than Asio: the discover loop polls a handful of descriptors with one
// deadline, and the options below have no Asio spelling.
#include <net/multicast_socket.hpp>

#include <camaudit/error.hpp>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace camaudit::net {
namespace {

[[noreturn]] void fail(int fd, const std::string& what) {
    const int error = errno;
    if (fd >= 0) close(fd);
    throw RunError(fmt::format("discover: {}: {}", what, std::strerror(error)));
}

}  // namespace

MulticastSocket::MulticastSocket(const InterfaceInfo& interface) {
    fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd_ < 0) fail(-1, "no UDP socket");
    // Binding to the device needs CAP_NET_RAW on older kernels; IP_MULTICAST_IF alone
    // already keeps the probes on the interface, so a refusal here is not fatal.
    bound_to_device_ = setsockopt(fd_, SOL_SOCKET, SO_BINDTODEVICE, interface.name.c_str(),
                                  static_cast<socklen_t>(interface.name.size())) == 0;
    ip_mreqn request{};
    request.imr_ifindex = static_cast<int>(interface.index);
    request.imr_address.s_addr = htonl(interface.address.to_uint());
    if (setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_IF, &request, sizeof request) != 0)
        fail(fd_, "cannot send multicast on " + interface.name);
    const unsigned char ttl = 1, loop = 0;
    setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl);
    setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(interface.address.to_uint());
    if (bind(fd_, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
        fail(fd_, "cannot bind to " + interface.address.to_string());
}

MulticastSocket::~MulticastSocket() {
    if (fd_ >= 0) close(fd_);
}

bool MulticastSocket::send_to(const boost::asio::ip::address_v4& group, std::uint16_t port, std::string_view bytes) {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(group.to_uint());
    return sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) ==
           static_cast<ssize_t>(bytes.size());
}

std::optional<Datagram> MulticastSocket::receive(std::size_t max_bytes) {
    std::string buffer(max_bytes, '\0');
    sockaddr_in from{};
    socklen_t length = sizeof from;
    const auto size = recvfrom(fd_, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &length);
    if (size < 0) return std::nullopt;
    buffer.resize(static_cast<std::size_t>(size));
    return Datagram{boost::asio::ip::address_v4(ntohl(from.sin_addr.s_addr)), ntohs(from.sin_port), std::move(buffer)};
}

}  // namespace camaudit::net
