// The segment is built with iproute2 (`ip -n NS ...`, as scripts/install-deps installs it)
// and the responders' sockets are made with setns, one namespace at a time, on this thread.
#include <lab/segment.hpp>

#include <camaudit/error.hpp>
#include <lab/segment_shell.hpp>
#include <lab/udp_servers.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/multicast.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <set>
#include <sys/socket.h>
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

bool valid_mac(const std::string& mac) {
    if (mac.size() != 17) return false;
    for (std::size_t i = 0; i < mac.size(); ++i)
        if (i % 3 == 2 ? mac[i] != ':' : !std::isxdigit(static_cast<unsigned char>(mac[i]))) return false;
    return (std::stoi(mac.substr(0, 2), nullptr, 16) & 1) == 0;  // unicast only
}

std::string profile_mac(const Profile& profile) {
    std::string mac = profile.data.contains("mac") && profile.data["mac"].is_string() ? profile.data["mac"].get<std::string>() : "";
    for (auto& c : mac) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return valid_mac(mac) ? mac : "";
}

std::string device_mac(const Profile& profile, std::size_t index) {
    const auto mac = profile_mac(profile);
    return !mac.empty() ? mac : fmt::format("02:77:00:00:00:{:02x}", index + 10);
}

// A repeat keeps its profile's OUI (what names the vendor) with other low bytes; a profile
// without a MAC gets a locally administered one. Never one already in `used`.
std::string repeat_mac(const Profile& profile, std::size_t index, std::size_t copy, std::set<std::string>& used) {
    const auto base = profile_mac(profile);
    std::uint32_t low = base.empty() ? static_cast<std::uint32_t>(index)
                                     : static_cast<std::uint32_t>(std::stoul(base.substr(9, 2) + base.substr(12, 2) + base.substr(15, 2), nullptr, 16));
    if (copy > 0) low += static_cast<std::uint32_t>(copy) * 0x010203u;
    for (;; ++low) {
        const auto tail = fmt::format("{:02x}:{:02x}:{:02x}", (low >> 16) & 0xff, (low >> 8) & 0xff, low & 0xff);
        const auto mac = base.empty() ? fmt::format("02:77:{:02x}:", (low >> 24) & 0xff) + tail : base.substr(0, 9) + tail;
        if (used.insert(mac).second) return mac;
    }
}

}  // namespace

namespace segment_shell {

std::string quiet(const std::string& command) { return command + " >/dev/null 2>&1"; }

void ip(const std::string& arguments) {
    const std::string command = "ip " + arguments;
    if (std::system(quiet(command).c_str()) != 0) throw RunError("segment: failed: " + command);
}

void ip_batch(const std::string& netns, const std::vector<std::string>& lines) {
    const std::string command = "ip -n " + netns + " -batch - >/dev/null 2>&1";
    FILE* pipe = popen(command.c_str(), "w");
    if (pipe == nullptr) throw RunError("segment: cannot run " + command);
    for (const auto& line : lines) std::fputs((line + "\n").c_str(), pipe);
    const int status = pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw RunError("segment: a batch of " + std::to_string(lines.size()) + " ip commands failed in " + netns);
}

}  // namespace segment_shell

using segment_shell::ip;
using segment_shell::quiet;

std::vector<SegmentDevice> Segment::plan(const std::vector<const Profile*>& profiles) {
    std::vector<SegmentDevice> planned;
    const auto first = asio::ip::make_address_v4("10.77.0.10").to_uint();
    for (std::size_t i = 0; i < profiles.size(); ++i)
        planned.push_back({profiles[i]->id, device_mac(*profiles[i], i), asio::ip::address_v4(first + static_cast<unsigned>(i)),
                           "", profiles[i]});
    return planned;
}

std::vector<SegmentDevice> Segment::plan_sparse(const std::vector<Profile>& profiles, const Cidr& range, std::size_t count,
                                                std::uint64_t seed) {
    const Cidr allowed{asio::ip::make_address_v4("10.77.0.0"), 16};
    if (!allowed.contains(range.network))
        throw UsageError("segment: the sparse range " + range.to_string() + " is outside 10.77.0.0/16",
                         "give --sparse 10.77.0.0/16 or a part of it");
    const auto placed = place_sparse(profiles.size(), range, count, seed, {bridge_address(range)});
    std::set<std::string> used = {"02:77:00:00:00:01"};  // the bridge's
    for (const auto& profile : profiles) used.insert(profile_mac(profile));  // first copies keep theirs
    std::vector<SegmentDevice> planned;
    for (const auto& device : placed) {
        const auto& profile = profiles.at(device.profile);
        const auto own = profile_mac(profile);
        const auto mac = device.copy == 0 && !own.empty() ? own : repeat_mac(profile, device.profile, device.copy, used);
        planned.push_back({sparse_id(profile.id, device.copy), mac, device.address, "", &profile});
    }
    return planned;
}

Segment::Segment(const std::vector<const Profile*>& profiles) {
    if (profiles.size() > 200) throw UsageError("segment: at most 200 devices");
    devices_ = plan(profiles);
    const std::string prefix = fmt::format("camaudit-{}-{}", getpid(), counter++);
    scanner_netns_ = prefix + "-scan";
    try {
        build(prefix);
    } catch (...) {
        teardown();
        throw;
    }
}

Segment::Segment(std::vector<SegmentDevice> planned, const Cidr& range, SparseLayout layout) : devices_(std::move(planned)) {
    if (devices_.size() > 4096) throw UsageError("segment: at most 4096 devices on a sparse segment");
    const std::string prefix = fmt::format("camaudit-{}-{}", getpid(), counter++);
    scanner_netns_ = prefix + "-scan";
    scanner_ip_ = bridge_address(range).to_string();
    subnet_cidr_ = range.to_string();
    try {
        build_shared(prefix, range, layout);
    } catch (...) {
        teardown();
        throw;
    }
}

void Segment::build_bridge(const std::string& netns, const std::string& address_with_prefix) {
    ip("netns add " + netns);
    created_.push_back(netns);
    const std::string s = "-n " + netns + " ";
    ip(s + "link set lo up");
    ip(s + "link add seg0 address 02:77:00:00:00:01 type bridge mcast_snooping 0");
    ip(s + "addr add " + address_with_prefix + " dev seg0");
    ip(s + "link set seg0 up");
}

void Segment::build(const std::string& prefix) {
    build_bridge(scanner_netns_, std::string(scanner_address) + "/24");
    const std::string s = "-n " + scanner_netns_ + " ";
    for (std::size_t i = 0; i < devices_.size(); ++i) {
        auto& device = devices_[i];
        device.netns = fmt::format("{}-d{}", prefix, i);
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
    }
}

Segment::~Segment() { teardown(); }

void Segment::teardown() noexcept {
    responders_.reset();
    for (auto it = created_.rbegin(); it != created_.rend(); ++it)
        std::system(quiet("ip netns delete " + *it).c_str());
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
                // Devices of a sparse segment share a namespace: each socket hears only its
                // own interface, unicast and multicast, and answers through it.
                const auto& name = device.interface;
                if (setsockopt(socket.native_handle(), SOL_SOCKET, SO_BINDTODEVICE, name.c_str(),
                               static_cast<socklen_t>(name.size())) != 0)
                    throw RunError("segment: cannot bind a UDP responder to " + name + " in " + device.netns);
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
