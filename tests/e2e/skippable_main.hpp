// The main() of a test binary that needs what a machine may lack (root, namespaces, a tool):
// without it the binary says why and exits 77, which CTest reports as SKIPPED
// (SKIP_RETURN_CODE 77 on the test).
#pragma once
#include <doctest/doctest.h>

#include <cstdio>

namespace camaudit::testing {

inline constexpr int skipped_exit_code = 77;

// `missing` is null when every precondition holds; then doctest runs the test cases.
inline int run_unless_missing(const char* missing, int argc, char** argv) {
    if (missing) {
        std::printf("SKIPPED: %s\n", missing);
        return skipped_exit_code;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

}  // namespace camaudit::testing
