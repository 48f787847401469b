// The TCP side of a lab device, shared by the loopback Lab and the namespace segment: every
// open port of a profile bound at one address, with the responder service_for() picks.
#pragma once
#include <lab/lab.hpp>
#include <lab/servers.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace camaudit::lab {

class TlsKey;

class TcpServices {
public:
    explicit TcpServices(boost::asio::io_context& io);
    TcpServices(const TcpServices&) = delete;
    TcpServices& operator=(const TcpServices&) = delete;
    ~TcpServices();

    // Binds every port of profile.tcp_ports at `address`, in the calling thread's network
    // namespace (a socket stays in the namespace it was made in). Throws RunError naming
    // device, address and port when one cannot be bound.
    void bind(const Profile& profile, const boost::asio::ip::address& address);
    // Starts the accept loop of every port bound so far on the io_context.
    void spawn_all();

private:
    boost::asio::io_context& io_;
    std::unique_ptr<TlsKey> key_;  // made on first HTTPS port: one key for every certificate
    std::vector<std::pair<boost::asio::ip::tcp::acceptor, PortSpec>> listeners_;
};

}  // namespace camaudit::lab
