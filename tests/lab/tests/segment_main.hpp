// The main() of a test that builds a lab segment in network namespaces: it exits 77 (SKIPPED
// to CTest) saying why when this machine cannot (not root, no namespaces, no iproute2).
#pragma once
#include "../../skip_or_run.hpp"

#include <cstdlib>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace camaudit::testing {

// Why this machine cannot build the segment, or nullptr when it can.
inline const char* segment_precondition_missing() {
    if (geteuid() != 0) return "needs root to build network namespaces";
    const pid_t child = fork();
    if (child == 0) _exit(unshare(CLONE_NEWNET) == 0 && std::system("ip -V >/dev/null 2>&1") == 0 ? 0 : 1);
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return "network namespaces (or iproute2's ip) are unavailable here";
    return nullptr;
}

// `extra` is one more precondition of the test's own (nullptr when met).
inline int run_segment_tests(int argc, char** argv, const char* extra = nullptr) {
    const char* why = segment_precondition_missing();
    return skip_or_run(why ? why : extra, argc, argv);
}

}  // namespace camaudit::testing
