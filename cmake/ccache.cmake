# Compiles through ccache when it is installed, so a rebuild (CI's plain, sanitizer and fuzz
# builds on a machine that built before) recompiles only what changed. scripts/ccache-env
# makes the cache independent of the checkout's path; CAMAUDIT_CCACHE=OFF switches it off.
option(CAMAUDIT_CCACHE "Compile through ccache when it is installed" ON)
find_program(CAMAUDIT_CCACHE_PROGRAM ccache)
if(CAMAUDIT_CCACHE AND CAMAUDIT_CCACHE_PROGRAM)
  foreach(lang C CXX)
    if(NOT CMAKE_${lang}_COMPILER_LAUNCHER)
      set(CMAKE_${lang}_COMPILER_LAUNCHER "${CAMAUDIT_CCACHE_PROGRAM}")
    endif()
  endforeach()
endif()
