// The git commit of the build, set by CMake at configure time (cmake/build_commit.cmake) on
// this one file only, so a new commit recompiles nothing else.
#include <app/provenance.hpp>

#ifndef CAMAUDIT_GIT_COMMIT
#define CAMAUDIT_GIT_COMMIT "unknown"
#endif

namespace camaudit::app {

const char* build_commit() { return CAMAUDIT_GIT_COMMIT; }

}  // namespace camaudit::app
