# Tests of scanner/engine.
# The progress line, the connect window, host discovery's bookkeeping, the connect sweep and
# the deep-probe scheduler, on real sockets on 127.0.0.1 only.
camaudit_add_test(NAME test_engine
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/engine_pieces_test.cpp ${CMAKE_CURRENT_LIST_DIR}/connect_sweep_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/deep_probes_test.cpp
  LINK camaudit_core)
# The SYN sweep's pure pieces: packet builder and reply parser, probe key, duplicate filter.
camaudit_add_test(NAME test_syn_units SOURCES ${CMAKE_CURRENT_LIST_DIR}/tcp_packet_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_key_test.cpp LINK camaudit_core)
# Adaptive timing: the RTT estimate (RFC 6298) and the retry rule.
camaudit_add_test(NAME test_rtt_estimate SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtt_estimate_test.cpp LINK camaudit_core)
# The SYN sweep on a veth pair between two network namespaces the test creates (root).
camaudit_add_test(NAME test_syn_sweep SOURCES ${CMAKE_CURRENT_LIST_DIR}/syn_sweep_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/veth_pair.cpp LINK camaudit_core)
