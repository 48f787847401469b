# The installed camaudit (issue 16): the shipped examples and units, the man page and the
# completion as files; `cmake --install` into a throwaway /usr/local; the .deb installed,
# run and purged. Each needs camaudit and its generated help pages built.
set(camaudit_install_defs CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}" CAMAUDIT_BUILD_DIR="${CMAKE_BINARY_DIR}"
  CAMAUDIT_BUILT_BIN="$<TARGET_FILE:camaudit>" CAMAUDIT_CMAKE="${CMAKE_COMMAND}" CAMAUDIT_CPACK="${CMAKE_CPACK_COMMAND}")

camaudit_add_test(NAME test_install_files SOURCES ${CMAKE_CURRENT_LIST_DIR}/shipped_files_test.cpp
  LINK tomlplusplus::tomlplusplus)
target_compile_definitions(test_install_files PRIVATE ${camaudit_install_defs})
add_dependencies(test_install_files camaudit camaudit_help_pages)

# Root only (a private mount namespace, dpkg); each exits 77, SKIPPED, without what it needs.
function(camaudit_install_test target name labels timeout)
  add_executable(${target} ${ARGN})
  target_link_libraries(${target} PRIVATE camaudit_options doctest::doctest)
  target_compile_definitions(${target} PRIVATE ${camaudit_install_defs})
  add_dependencies(${target} camaudit camaudit_help_pages)
  add_test(NAME ${name} COMMAND ${target} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" SKIP_RETURN_CODE 77 TIMEOUT ${timeout})
endfunction()
camaudit_install_test(test_install_tree
  "install: cmake --install into a throwaway /usr/local, units verified, man page, example config"
  "install" 300 ${CMAKE_CURRENT_LIST_DIR}/install_tree_test.cpp)
# Slow (cpack, dpkg): `ctest -LE package` leaves it out of a quick run.
camaudit_install_test(test_package
  "package: the .deb installs, runs (version, man, demo scan) and purges without a trace"
  "install;package" 600 ${CMAKE_CURRENT_LIST_DIR}/package_test.cpp)
