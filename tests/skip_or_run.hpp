// The main of a test binary that needs root or a tool: exits 77 (SKIPPED to CTest through the
// test's SKIP_RETURN_CODE) naming what is missing, else runs its doctest cases. The including
// file defines DOCTEST_CONFIG_IMPLEMENT first.
#pragma once
#include <cstdio>
#include <doctest/doctest.h>

namespace camaudit::testing {

inline int skip_or_run(const char* missing, int argc, char** argv) {
    if (missing) {
        std::printf("SKIPPED: %s\n", missing);
        return 77;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

}  // namespace camaudit::testing
