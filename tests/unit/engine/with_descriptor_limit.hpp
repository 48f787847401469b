// Runs a check in a child process under a lowered descriptor limit: lowering the hard limit
// cannot be undone, so the test binary itself must keep its own.
#pragma once
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace camaudit::testing {

// True when `check` returned true in a child whose RLIMIT_NOFILE was `limit` (soft and hard).
template <class Check> bool holds_with_descriptor_limit(rlim_t limit, Check check) {
    const pid_t child = fork();
    if (child < 0) return false;
    if (child == 0) {
        const rlimit tight{limit, limit};
        if (setrlimit(RLIMIT_NOFILE, &tight) != 0) _exit(3);
        _exit(check() ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace camaudit::testing
