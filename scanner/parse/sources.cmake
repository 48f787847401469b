# Sources of scanner/parse: pure parsers over bytes, no I/O (explicit list).
camaudit_stage(parse
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_answer.cpp)
