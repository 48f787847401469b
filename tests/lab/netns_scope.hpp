// Runs the calling thread inside a named network namespace (/run/netns/NAME, as `ip netns add`
// makes it) for one scope, then returns it: sockets made inside stay in that namespace.
// Header-only, so tests outside the lab library can use it too.
#pragma once
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace camaudit::lab {

class NetnsScope {
public:
    // Throws std::runtime_error naming the namespace when it cannot be entered.
    explicit NetnsScope(const std::string& netns) : original_(open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)) {
        const int target = open(("/run/netns/" + netns).c_str(), O_RDONLY | O_CLOEXEC);
        const bool entered = original_ >= 0 && target >= 0 && setns(target, CLONE_NEWNET) == 0;
        const int error = errno;
        if (target >= 0) close(target);
        if (!entered) {
            if (original_ >= 0) close(original_);
            throw std::runtime_error("cannot enter network namespace " + netns + ": " + std::strerror(error));
        }
    }
    ~NetnsScope() {
        const int result = setns(original_, CLONE_NEWNET);
        close(original_);
        if (result != 0) std::abort();  // a thread stranded in a test namespace would send elsewhere
    }
    NetnsScope(const NetnsScope&) = delete;
    NetnsScope& operator=(const NetnsScope&) = delete;

private:
    int original_;
};

}  // namespace camaudit::lab
