# Tests of scanner/engine: the progress line, the connect window, host discovery's bookkeeping,
# the connect sweep and the deep-probe scheduler, on real sockets on 127.0.0.1 only.
camaudit_add_test(NAME test_engine
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/engine_pieces_test.cpp ${CMAKE_CURRENT_LIST_DIR}/connect_sweep_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/deep_probes_test.cpp
  LINK camaudit_core)
