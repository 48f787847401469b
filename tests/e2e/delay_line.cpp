// One thread polls both TAP devices: a frame from the near side goes across at once, one from
// the far side waits in a queue until its delay is over (what netem does on the far side's
// egress), so every round trip through the line takes the delay more.
#include "delay_line.hpp"

#include "../lab/netns_scope.hpp"

#include <array>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <stdexcept>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace camaudit::testing {

namespace {

using Clock = std::chrono::steady_clock;

// A TAP device named DelayLine::device in `netns`, created there by this thread's open.
int open_tap(const std::string& netns) {
    const lab::NetnsScope scope(netns);
    const int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw std::runtime_error(std::string("cannot open /dev/net/tun: ") + std::strerror(errno));
    ifreq request{};
    request.ifr_flags = IFF_TAP | IFF_NO_PI;
    std::strncpy(request.ifr_name, DelayLine::device, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &request) != 0) {
        const int error = errno;
        close(fd);
        throw std::runtime_error("cannot make a TAP device in " + netns + ": " + std::strerror(error));
    }
    return fd;
}

struct HeldFrame {
    Clock::time_point due;
    std::vector<char> bytes;
};

}  // namespace

DelayLine::DelayLine(const std::string& near_netns, const std::string& far_netns, std::chrono::milliseconds far_delay)
    : far_delay_(far_delay) {
    near_ = open_tap(near_netns);
    try {
        far_ = open_tap(far_netns);
        if (pipe2(wake_, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    } catch (...) {
        close(near_);
        if (far_ >= 0) close(far_);
        throw;
    }
    thread_ = std::thread([this] { relay(); });
}

DelayLine::~DelayLine() {
    const char stop = 1;
    if (write(wake_[1], &stop, 1) != 1) std::abort();  // the relay would never end
    thread_.join();
    for (const int fd : {near_, far_, wake_[0], wake_[1]}) close(fd);
}

void DelayLine::relay() {
    std::deque<HeldFrame> held;  // in arrival order, so in due order too
    std::array<char, 65536> frame{};
    for (;;) {
        int wait_ms = -1;
        if (!held.empty())
            wait_ms = static_cast<int>(std::max<Clock::rep>(
                0, std::chrono::ceil<std::chrono::milliseconds>(held.front().due - Clock::now()).count()));
        pollfd fds[3] = {{near_, POLLIN, 0}, {far_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        poll(fds, 3, wait_ms);
        if (fds[2].revents) return;
        if (fds[0].revents & POLLIN)
            for (ssize_t n; (n = read(near_, frame.data(), frame.size())) > 0;)
                (void)!write(far_, frame.data(), static_cast<std::size_t>(n));  // a frame the far side drops is lost, as on a wire
        if (fds[1].revents & POLLIN)
            for (ssize_t n; (n = read(far_, frame.data(), frame.size())) > 0;)
                held.push_back({Clock::now() + far_delay_, std::vector<char>(frame.data(), frame.data() + n)});
        while (!held.empty() && held.front().due <= Clock::now()) {
            (void)!write(near_, held.front().bytes.data(), held.front().bytes.size());
            held.pop_front();
        }
    }
}

}  // namespace camaudit::testing
