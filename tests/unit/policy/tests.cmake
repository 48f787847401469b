# Policy tests: the shipped regulation files, the loader's errors, and every status rule.
camaudit_add_test(NAME test_policy
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/regulation_db_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/apply_policy_test.cpp ${CMAKE_CURRENT_LIST_DIR}/waivers_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/profiles_test.cpp
  LINK camaudit_policy camaudit_identify)
