# Tests of scanner/net: real sockets on 127.0.0.1 only.
camaudit_add_test(NAME test_net
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_exchange_test.cpp ${CMAKE_CURRENT_LIST_DIR}/net_outcomes_test.cpp
  LINK camaudit_net camaudit_parse)
# The pure layer-2 pieces (ARP frames, neighbour table, subnets, discover's durations).
camaudit_add_test(NAME test_l2_units SOURCES ${CMAKE_CURRENT_LIST_DIR}/layer2_units_test.cpp LINK camaudit_core)
