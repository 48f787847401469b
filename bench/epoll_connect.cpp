// The connect ceiling for bench/connect_ceiling.sh: the least a connect sweep can do, a
// non-blocking connect() per (address, port) on one epoll, paced by a token bucket, each
// connect held until it answers or its timeout passes. Prints probes sent and seconds taken.
// Usage: epoll_connect FIRST_ADDRESS COUNT PORTS RATE TIMEOUT_MS WINDOW
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::uint16_t> parse_ports(const std::string& text) {
    std::vector<std::uint16_t> ports;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto comma = text.find(',', start);
        ports.push_back(static_cast<std::uint16_t>(std::stoi(text.substr(start, comma - start))));
        start = comma == std::string::npos ? text.size() : comma + 1;
    }
    return ports;
}

struct Pending {
    int fd;
    std::uint64_t probe;  // descriptors are reused: the entry is stale unless the fd still holds this probe
    Clock::time_point deadline;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 7) {
        std::fprintf(stderr, "usage: epoll_connect FIRST_ADDRESS COUNT PORTS RATE TIMEOUT_MS WINDOW\n");
        return 2;
    }
    in_addr first{};
    if (inet_pton(AF_INET, argv[1], &first) != 1) return 2;
    const std::uint64_t count = std::strtoull(argv[2], nullptr, 10);
    const auto ports = parse_ports(argv[3]);
    const double rate = std::atof(argv[4]);
    const auto timeout = std::chrono::milliseconds(std::atoi(argv[5]));
    const std::size_t window = std::strtoull(argv[6], nullptr, 10);
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    const int epoll = epoll_create1(0);
    std::deque<Pending> pending;             // in send order, so deadlines are sorted
    std::unordered_map<int, std::uint64_t> open_fds;  // fd -> the probe it holds
    const std::uint64_t total = count * ports.size();
    std::uint64_t sent = 0, answered = 0;
    const auto started = Clock::now();
    std::vector<epoll_event> events(1024);
    while (sent < total || !open_fds.empty()) {
        const auto now = Clock::now();
        const double allowed = std::chrono::duration<double>(now - started).count() * rate;  // the token bucket's cap
        while (sent < total && open_fds.size() < window && static_cast<double>(sent) < allowed) {
            sockaddr_in to{};
            to.sin_family = AF_INET;
            to.sin_addr.s_addr = htonl(ntohl(first.s_addr) + static_cast<std::uint32_t>(sent / ports.size()));
            to.sin_port = htons(ports[sent % ports.size()]);
            const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) break;  // out of descriptors: wait for some to close
            ++sent;
            if (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 || errno != EINPROGRESS) {
                ++answered;
                close(fd);
                continue;
            }
            epoll_event event{};
            event.events = EPOLLOUT | EPOLLERR | EPOLLHUP;
            event.data.fd = fd;
            epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
            open_fds[fd] = sent;
            pending.push_back({fd, sent, now + timeout});
        }
        const int ready = epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 1);
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            ++answered;
            open_fds.erase(fd);
            close(fd);  // also removes it from the epoll set
        }
        const auto after = Clock::now();
        while (!pending.empty()) {
            const auto front = pending.front();
            const auto held = open_fds.find(front.fd);
            const bool live = held != open_fds.end() && held->second == front.probe;
            if (live && front.deadline > after) break;
            pending.pop_front();
            if (live) {  // timed out: silent
                open_fds.erase(held);
                close(front.fd);
            }
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("%llu %.3f %llu\n", static_cast<unsigned long long>(sent), seconds, static_cast<unsigned long long>(answered));
    return 0;
}
