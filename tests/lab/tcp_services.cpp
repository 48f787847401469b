#include <lab/tcp_services.hpp>
#include <lab/tls_cert.hpp>

#include <camaudit/error.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <string>

namespace camaudit::lab {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr int listen_backlog = 256;

tcp::acceptor bind_listener(asio::io_context& io, const Profile& profile, const asio::ip::address& address,
                            std::uint16_t port) {
    tcp::acceptor acceptor(io);
    boost::system::error_code error;
    const tcp::endpoint endpoint(address, port);
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(tcp::acceptor::reuse_address(true), error);
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(listen_backlog, error);
    if (error)
        throw RunError("lab: cannot listen for device " + profile.id + " at " + address.to_string() + " port " +
                       std::to_string(port) + ": " + error.message());
    return acceptor;
}

}  // namespace

TcpServices::TcpServices(asio::io_context& io) : io_(io) {}

TcpServices::~TcpServices() = default;

void TcpServices::bind(const Profile& profile, const asio::ip::address& address) {
    std::shared_ptr<asio::ssl::context> tls;
    for (const auto port : profile.tcp_ports) {
        PortSpec spec{service_for(profile, port), &profile, port, nullptr};
        if (spec.service == Service::https) {
            if (!key_) key_ = std::make_unique<TlsKey>();
            if (!tls) tls = make_server_context(certificate_spec(profile), *key_);
            spec.tls = tls;
        }
        listeners_.emplace_back(bind_listener(io_, profile, address, port), std::move(spec));
    }
}

void TcpServices::spawn_all() {
    for (auto& [acceptor, spec] : listeners_)
        asio::co_spawn(io_, accept_loop(std::move(acceptor), std::move(spec)), asio::detached);
    listeners_.clear();
}

}  // namespace camaudit::lab
