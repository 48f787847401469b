# Tests of scanner/net: real sockets on 127.0.0.1 only.
camaudit_add_test(NAME test_net
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_exchange_test.cpp ${CMAKE_CURRENT_LIST_DIR}/net_outcomes_test.cpp
  LINK camaudit_net)
