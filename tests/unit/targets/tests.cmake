# Unit tests of the targets stage: expressions, scope, @files, resolver, permutation, shards.
camaudit_add_test(NAME test_targets
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/expression_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/target_set_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/target_file_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/system_resolver_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/permutation_test.cpp
  LINK camaudit_targets)
