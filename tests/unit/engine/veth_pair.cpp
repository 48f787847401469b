// The veth pair is built with iproute2 and entered with setns, one thread at a time.
#include "veth_pair.hpp"

#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace camaudit::test {
namespace {

bool run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

}  // namespace

std::string VethPair::unavailable() {
    if (geteuid() != 0) return "needs root to build network namespaces";
    if (!run("ip netns list")) return "`ip netns` is not available";
    return "";
}

VethPair::VethPair() {
    const auto id = std::to_string(getpid());
    scanner_ = "camsyn-s" + id;
    target_ = "camsyn-t" + id;
    const std::string s = "ip -n " + scanner_ + " ", t = "ip -n " + target_ + " ";
    for (const auto& command : {"ip netns add " + scanner_, "ip netns add " + target_,
                                s + "link add syn0 type veth peer name syn1 netns " + target_,
                                s + "addr add " + scanner_address + "/24 dev syn0", t + "addr add " + target_address + "/24 dev syn1",
                                s + "link set lo up", t + "link set lo up", s + "link set syn0 up", t + "link set syn1 up"}) {
        if (!run(command)) {
            remove();
            throw std::runtime_error("veth pair: `" + command + "` failed");
        }
    }
}

VethPair::~VethPair() { remove(); }

void VethPair::remove() noexcept {
    run("ip netns delete " + scanner_);
    run("ip netns delete " + target_);
}

bool VethPair::run_in(const std::string& netns, const std::string& command) {
    return run("ip netns exec " + netns + " sh -c '" + command + "'");
}

}  // namespace camaudit::test
