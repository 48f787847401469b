# test_lab: the lab's own tests (included at the end of tests/CMakeLists.txt). They start real
# listeners, always inside a private network namespace that the test process creates.
camaudit_add_test(NAME test_lab
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tests/lab_test_support.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/profile_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/responses_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/lab_serving_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/harness_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/hostile_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/udp_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/discovery_replies_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/tests/sparse_test.cpp
  LINK camaudit_lab)
target_compile_definitions(test_lab PRIVATE
  CAMAUDIT_LAB_HARNESS="$<TARGET_FILE:camaudit-lab>")
add_dependencies(test_lab camaudit-lab)

# Issue 13's sparse-network correctness check: every profile on a sparse /22 segment, scanned
# by camaudit (root; exits 77, SKIPPED, without root or network namespaces). A test of what is
# found and named, never of speed (bench/sparse_audit.sh measures that); about 30 s in Release.
add_executable(test_sparse_lab ${CMAKE_CURRENT_LIST_DIR}/tests/sparse_scan_test.cpp)
target_link_libraries(test_sparse_lab PRIVATE camaudit_options camaudit_lab doctest::doctest nlohmann_json::nlohmann_json)
target_compile_definitions(test_sparse_lab PRIVATE CAMAUDIT_BIN="$<TARGET_FILE:camaudit>")
add_dependencies(test_sparse_lab camaudit)
add_test(NAME "sparse lab: every profile on a sparse /22 segment, found and named by camaudit scan"
  COMMAND test_sparse_lab WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties("sparse lab: every profile on a sparse /22 segment, found and named by camaudit scan"
  PROPERTIES LABELS sparse SKIP_RETURN_CODE 77 TIMEOUT 600 RESOURCE_LOCK neighbour_table)  # tests/e2e/tests.cmake says why

# Issue 13's sweep choice: a sparse segment scanned with the SYN sweep (root), --connect and
# without CAP_NET_RAW (setpriv): the same devices named, the report's "sweep" right, the
# unprivileged note said once, -sS without CAP_NET_RAW exit 2 (root; 77, SKIPPED, otherwise).
add_executable(test_sweep_choice ${CMAKE_CURRENT_LIST_DIR}/tests/sweep_choice_test.cpp)
target_link_libraries(test_sweep_choice PRIVATE camaudit_options camaudit_lab doctest::doctest nlohmann_json::nlohmann_json)
target_compile_definitions(test_sweep_choice PRIVATE CAMAUDIT_BIN="$<TARGET_FILE:camaudit>")
add_dependencies(test_sweep_choice camaudit)
add_test(NAME test_sweep_choice COMMAND test_sweep_choice WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(test_sweep_choice PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
