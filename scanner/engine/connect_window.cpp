// Raises the soft descriptor limit to the hard one, then leaves half of what is left after a
// reserve to the deep probes, UDP sockets, report files and capture handles.
#include <engine/connect_window.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <sys/resource.h>

namespace camaudit::engine {

namespace {

constexpr rlim_t reserved_descriptors = 64;  // stdio, data files, UDP sockets, pcap, reports
constexpr std::size_t smallest_window = 16;

}  // namespace

std::size_t descriptor_room() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 256;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    const rlim_t usable = limit.rlim_cur > 2 * reserved_descriptors ? (limit.rlim_cur - reserved_descriptors) / 2
                                                                    : smallest_window;
    return std::max<std::size_t>(smallest_window, static_cast<std::size_t>(std::min<rlim_t>(usable, 1u << 20)));
}

std::size_t connect_window(std::size_t wanted, std::vector<std::string>& warnings) {
    const std::size_t room = descriptor_room();
    if (wanted <= room) return wanted;
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    warnings.push_back(fmt::format(
        "concurrency {} lowered to {}: the open-file limit is {} (raise it with ulimit -n, or "
        "LimitNOFILE= in a systemd unit)", wanted, room, static_cast<unsigned long long>(limit.rlim_cur)));
    return room;
}

std::size_t discovery_window(double rate, std::chrono::milliseconds timeout, std::size_t concurrency) {
    const auto in_flight = static_cast<std::size_t>(rate * std::chrono::duration<double>(timeout).count()) + 1;
    return std::max(concurrency, std::min(in_flight, descriptor_room()));
}

}  // namespace camaudit::engine
