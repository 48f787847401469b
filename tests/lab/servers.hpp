// What runs behind one open port of a lab device: an accept loop handing each connection to
// the responder for that port (HTTP, HTTPS, RTSP, a fixed banner, a silent sink, or the
// hostile behaviour the profile asks for).
#pragma once
#include <lab/lab.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <cstdint>
#include <memory>

namespace camaudit::lab {

enum class Service { http, https, rtsp, banner, sink, hostile };

// Everything a connection needs; `profile` outlives the lab's io_context.
struct PortSpec {
    Service service;
    const Profile* profile;
    std::uint16_t port;
    std::shared_ptr<boost::asio::ssl::context> tls;  // https only
};

// Which responder a profile puts behind `port` (design: http_ports, https_ports, 554/8554
// with rtsp_options, 8000 with a banner, anything else a sink; every port of a profile with
// a `behaviour` is hostile).
Service service_for(const Profile& profile, std::uint16_t port);

// Accepts until the acceptor is closed or the io_context stops; each connection runs as its
// own task with deadlines on every read and write.
boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor acceptor, PortSpec spec);

}  // namespace camaudit::lab
