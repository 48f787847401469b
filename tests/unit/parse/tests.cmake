# Tests of scanner/parse.
camaudit_add_test(NAME test_parse
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_answer_test.cpp
  LINK camaudit_parse)
