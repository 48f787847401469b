// getsockname() on a connected, never-used UDP socket: the kernel's own source choice.
#include <net/route_source.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace camaudit::net {
namespace {

// Any non-zero port does: connect() on a datagram socket only picks the route.
constexpr unsigned short unused_port = 9;

class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

std::optional<boost::asio::ip::address> route_source(const boost::asio::ip::address& destination) {
    sockaddr_storage to{};
    socklen_t to_size = 0;
    if (destination.is_v4()) {
        auto* v4 = reinterpret_cast<sockaddr_in*>(&to);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(unused_port);
        const auto bytes = destination.to_v4().to_bytes();
        std::memcpy(&v4->sin_addr, bytes.data(), bytes.size());
        to_size = sizeof(sockaddr_in);
    } else {
        auto* v6 = reinterpret_cast<sockaddr_in6*>(&to);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(unused_port);
        const auto bytes = destination.to_v6().to_bytes();
        std::memcpy(&v6->sin6_addr, bytes.data(), bytes.size());
        v6->sin6_scope_id = static_cast<std::uint32_t>(destination.to_v6().scope_id());
        to_size = sizeof(sockaddr_in6);
    }
    const Descriptor socket(::socket(to.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (socket.get() < 0 || ::connect(socket.get(), reinterpret_cast<sockaddr*>(&to), to_size) != 0) return std::nullopt;
    sockaddr_storage from{};
    socklen_t from_size = sizeof from;
    if (::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&from), &from_size) != 0) return std::nullopt;
    if (from.ss_family == AF_INET) {
        boost::asio::ip::address_v4::bytes_type bytes{};
        std::memcpy(bytes.data(), &reinterpret_cast<sockaddr_in*>(&from)->sin_addr, bytes.size());
        return boost::asio::ip::address_v4(bytes);
    }
    boost::asio::ip::address_v6::bytes_type bytes{};
    std::memcpy(bytes.data(), &reinterpret_cast<sockaddr_in6*>(&from)->sin6_addr, bytes.size());
    return boost::asio::ip::address_v6(bytes);
}

std::vector<std::string> route_sources(const std::vector<boost::asio::ip::address>& destinations, std::size_t limit) {
    std::vector<std::string> sources;
    for (std::size_t i = 0; i < destinations.size() && i < limit; ++i) {
        const auto source = route_source(destinations[i]);
        if (!source) continue;
        const auto text = source->to_string();
        if (std::find(sources.begin(), sources.end(), text) == sources.end()) sources.push_back(text);
    }
    return sources;
}

}  // namespace camaudit::net
