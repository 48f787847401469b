# Stage targets: target expressions, exclusions, scope guard, permutation, shards.
camaudit_stage(targets
  ${CMAKE_CURRENT_LIST_DIR}/expression.cpp
  ${CMAKE_CURRENT_LIST_DIR}/range_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/target_set.cpp
  ${CMAKE_CURRENT_LIST_DIR}/system_resolver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/permutation.cpp)
