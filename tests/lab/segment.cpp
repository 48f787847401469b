// The segment is built with iproute2 (`ip -n NS ...`, as scripts/install-deps installs it)
// and the responders' sockets are made with setns, one namespace at a time, on this thread.
#include <lab/segment.hpp>

#include <camaudit/error.hpp>
#include <lab/udp_servers.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/multicast.hpp>
#include <cctype>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace camaudit::lab {
namespace asio = boost::asio;

struct Segment::Responders {
    asio::io_context context;
    std::thread thread;
    ~Responders() {
        context.stop();
        if (thread.joinable()) thread.join();
    }
};

namespace {

int counter = 0;

std::string shell(const std::string& command) {
    return command + " >/dev/null 2>&1";
}

void ip(const std::string& arguments) {
    const std::string command = "ip " + arguments;
    if (std::system(shell(command).c_str()) != 0) throw RunError("segment: failed: " + command);
}

bool valid_mac(const std::string& mac) {
    if (mac.size() != 17) return false;
    for (std::size_t i = 0; i < mac.size(); ++i)
        if (i % 3 == 2 ? mac[i] != ':' : !std::isxdigit(static_cast<unsigned char>(mac[i]))) return false;
    return (std::stoi(mac.substr(0, 2), nullptr, 16) & 1) == 0;  // unicast only
}

std::string device_mac(const Profile& profile, std::size_t index) {
    std::string mac = profile.data.contains("mac") && profile.data["mac"].is_string() ? profile.data["mac"].get<std::string>() : "";
    for (auto& c : mac) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return valid_mac(mac) ? mac : fmt::format("02:77:00:00:00:{:02x}", index + 10);
}

}  // namespace

Segment::Segment(const std::vector<const Profile*>& profiles) {
    if (profiles.size() > 200) throw UsageError("segment: at most 200 devices");
    const std::string prefix = fmt::format("camaudit-{}-{}", getpid(), counter++);
    scanner_netns_ = prefix + "-scan";
    try {
        build(prefix, profiles);
    } catch (...) {
        teardown();
        throw;
    }
}

void Segment::build(const std::string& prefix, const std::vector<const Profile*>& profiles) {
    ip("netns add " + scanner_netns_);
    created_.push_back(scanner_netns_);
    const std::string s = "-n " + scanner_netns_ + " ";
    ip(s + "link set lo up");
    ip(s + "link add seg0 address 02:77:00:00:00:01 type bridge mcast_snooping 0");
    ip(s + "addr add 10.77.0.1/24 dev seg0");
    ip(s + "link set seg0 up");
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        SegmentDevice device{profiles[i]->id, device_mac(*profiles[i], i),
                             asio::ip::address_v4(asio::ip::make_address_v4("10.77.0.10").to_uint() + static_cast<unsigned>(i)),
                             fmt::format("{}-d{}", prefix, i), profiles[i]};
        ip("netns add " + device.netns);
        created_.push_back(device.netns);
        const std::string d = "-n " + device.netns + " ";
        const std::string port = fmt::format("vd{}", i);
        ip(s + "link add " + port + " type veth peer name eth0 netns " + device.netns);
        ip(d + "link set eth0 address " + device.mac);
        ip(d + "addr add " + device.address.to_string() + "/24 dev eth0");
        ip(d + "link set lo up");
        ip(d + "link set eth0 up");
        ip(s + "link set " + port + " master seg0 up");
        devices_.push_back(std::move(device));
    }
}

Segment::~Segment() { teardown(); }

void Segment::teardown() noexcept {
    responders_.reset();
    for (auto it = created_.rbegin(); it != created_.rend(); ++it)
        std::system(shell("ip netns delete " + *it).c_str());
    created_.clear();
}

int Segment::run_in(const std::string& netns, const std::string& command) {
    const std::string line = "ip netns exec " + netns + " sh -c '" + command + "'";
    const int status = std::system(line.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int Segment::enter(const std::string& netns) {
    const int original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    const int target = open(("/run/netns/" + netns).c_str(), O_RDONLY | O_CLOEXEC);
    const bool entered = original >= 0 && target >= 0 && setns(target, CLONE_NEWNET) == 0;
    if (target >= 0) close(target);
    if (!entered) {
        if (original >= 0) close(original);
        throw RunError("segment: cannot enter network namespace " + netns);
    }
    return original;
}

void Segment::leave(int original) {
    const int result = setns(original, CLONE_NEWNET);
    close(original);
    if (result != 0) std::abort();  // a test thread stranded in a device namespace is a bug
}

void Segment::start_udp_responders() {
    if (responders_) return;
    responders_ = std::make_unique<Responders>();
    for (const auto& device : devices_) {
        for (const auto& spec : udp_services_for(*device.profile)) {
            inside(device.netns, [&] {
                asio::ip::udp::socket socket(responders_->context);
                socket.open(asio::ip::udp::v4());
                socket.set_option(asio::socket_base::reuse_address(true));
                socket.bind({asio::ip::address_v4::any(), spec.port});
                if (!spec.multicast_group.empty()) {
                    const auto group = asio::ip::make_address_v4(spec.multicast_group);
                    socket.set_option(asio::ip::multicast::join_group(group, device.address));
                }
                asio::co_spawn(responders_->context,
                               udp_loop(std::move(socket), device.profile, device.address.to_string(), spec.service),
                               asio::detached);
            });
        }
    }
    responders_->thread = std::thread([this] { responders_->context.run(); });
}

}  // namespace camaudit::lab
