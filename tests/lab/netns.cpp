// Puts the process into a private network namespace, so lab listeners can never be reached
// from, or collide with, the host's real network.
#include <lab/lab.hpp>

#include <camaudit/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace camaudit::lab {
namespace {

bool entered = false;

bool write_file(const char* path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    out.flush();
    return static_cast<bool>(out);
}

// Unprivileged: a new user namespace in which we are root, so the new network namespace is
// ours to configure. Returns the errno of the failing step, 0 on success.
int try_user_namespace() {
    const auto uid = getuid();
    const auto gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) return errno;
    // setgroups must be denied before an unprivileged process may write gid_map.
    write_file("/proc/self/setgroups", "deny");
    if (!write_file("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1\n") ||
        !write_file("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1\n"))
        return errno != 0 ? errno : EPERM;
    return 0;
}

void bring_loopback_up() {
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw RunError(std::string("lab: no socket to configure lo: ") + std::strerror(errno));
    ifreq request{};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    int result = ioctl(fd, SIOCGIFFLAGS, &request);
    if (result == 0) {
        request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP | IFF_RUNNING);
        result = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    const int error = errno;
    close(fd);
    if (result != 0) throw RunError(std::string("lab: cannot bring lo up in the private network namespace: ") + std::strerror(error));
}

}  // namespace

void enter_private_network_namespace() {
    const int user_error = try_user_namespace();
    if (user_error != 0 && unshare(CLONE_NEWNET) != 0) {
        throw RunError(std::string("lab: cannot create a private network namespace (user namespace: ") +
                       std::strerror(user_error) + "; network namespace: " + std::strerror(errno) +
                       "); run as root, or allow unprivileged user namespaces "
                       "(sysctl kernel.unprivileged_userns_clone=1 or user.max_user_namespaces>0)");
    }
    bring_loopback_up();
    entered = true;
}

bool in_private_network_namespace() { return entered; }

}  // namespace camaudit::lab
