// The Lab: places profiles on consecutive loopback addresses, binds their ports and runs the
// responders on one thread with one io_context.
#include <lab/lab.hpp>
#include <lab/sparse.hpp>
#include <lab/tcp_services.hpp>
#include <lab/udp_servers.hpp>

#include <camaudit/error.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <optional>
#include <thread>
#include <tuple>

namespace camaudit::lab {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

std::string describe(const Placement& place, std::uint16_t port) {
    return "device " + place.id + " at " + place.address.to_string() + " port " + std::to_string(port);
}

udp::socket bind_udp(asio::io_context& io, const Placement& place, std::uint16_t port) {
    udp::socket socket(io);
    boost::system::error_code error;
    const udp::endpoint endpoint(place.address, port);
    socket.open(endpoint.protocol(), error);
    if (!error) socket.bind(endpoint, error);
    if (error) throw RunError("lab: cannot bind UDP for " + describe(place, port) + ": " + error.message());
    return socket;
}

// The address of the device a hostile profile forges its UDP answers from, when that device is
// placed too (a spoofer whose victim is absent answers from its own address).
std::optional<asio::ip::address> forged_source(const Placement& place, const std::vector<Placement>& placements) {
    const std::string victim = answer_from_id(*place.profile);
    if (victim.empty()) return std::nullopt;
    for (const auto& other : placements)
        if (other.id == victim) return asio::ip::address(other.address);
    return std::nullopt;
}

}  // namespace

struct Lab::Running {
    asio::io_context io{1};
    std::thread thread;
};

Lab::Lab(std::vector<Profile> profiles, asio::ip::address_v4 first) : profiles_(std::move(profiles)) {
    const auto base = first.to_uint();
    // Only 127.0.0.0/8: the lab must never answer for, or bind to, a real network's address.
    if ((base >> 24) != 127 || base + profiles_.size() > 0x7fffffffULL + 1)
        throw UsageError("lab: " + first.to_string() + " + " + std::to_string(profiles_.size()) +
                             " devices leaves 127.0.0.0/8",
                         "choose a first address such as 127.0.1.1");
    for (std::size_t i = 0; i < profiles_.size(); ++i)
        placements_.push_back({profiles_[i].id,
                               asio::ip::address_v4(static_cast<asio::ip::address_v4::uint_type>(base + i)),
                               &profiles_[i]});
}

Lab::Lab(std::vector<Profile> profiles, const std::vector<SparseDevice>& devices) : profiles_(std::move(profiles)) {
    for (const auto& device : devices) {
        if ((device.address.to_uint() >> 24) != 127)
            throw UsageError("lab: " + device.address.to_string() + " is outside 127.0.0.0/8",
                             "the loopback lab's sparse range must be inside 127.0.0.0/8, e.g. 127.20.0.0/22");
        const auto& profile = profiles_.at(device.profile);
        placements_.push_back({sparse_id(profile.id, device.copy), device.address, &profile});
    }
}

Lab::~Lab() { stop(); }

void Lab::start() {
    if (running_) return;
    if (!in_private_network_namespace())
        throw RunError("lab: refusing to listen outside a private network namespace; call "
                       "enter_private_network_namespace() first, or run under camaudit-lab");
    auto running = std::make_unique<Running>();
    TcpServices tcp_services(running->io);
    for (const auto& place : placements_) tcp_services.bind(*place.profile, place.address);
    std::vector<std::tuple<udp::socket, const Placement*, UdpService>> udp_sockets;
    for (const auto& place : placements_)
        for (const auto& spec : udp_services_for(*place.profile))
            udp_sockets.emplace_back(bind_udp(running->io, place, spec.port), &place, spec.service);
    for (auto& [socket, place, service] : udp_sockets)
        asio::co_spawn(running->io,
                       udp_loop(std::move(socket), place->profile, place->address.to_string(), service,
                                forged_source(*place, placements_)),
                       asio::detached);
    tcp_services.spawn_all();
    running->thread = std::thread([io = &running->io] { io->run(); });
    running_ = std::move(running);
}

void Lab::stop() {
    if (!running_) return;
    running_->io.stop();
    running_->thread.join();
    running_.reset();  // destroys every pending task, and with it every socket and acceptor
}

const std::vector<Placement>& Lab::placements() const { return placements_; }

}  // namespace camaudit::lab
