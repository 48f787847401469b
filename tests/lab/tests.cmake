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
  LINK camaudit_lab)
target_compile_definitions(test_lab PRIVATE
  CAMAUDIT_LAB_HARNESS="$<TARGET_FILE:camaudit-lab>")
add_dependencies(test_lab camaudit-lab)
