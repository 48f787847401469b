# Data tests: every signature example and counter-example, the vocabulary, vendors.json and
# http_paths.json, and the loader's own errors on broken signature folders.
camaudit_add_test(NAME test_data
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/signature_examples_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/vocabulary_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/broken_signatures_test.cpp
  LINK camaudit_identify camaudit_parse)
