# Sources of scanner/engine: the sweeps and the scheduling that app/ only wires.
camaudit_stage(engine
  # The stateless SYN sweep: raw packets, keyed-hash validation, the duplicate filter.
  ${CMAKE_CURRENT_LIST_DIR}/tcp_packet.cpp ${CMAKE_CURRENT_LIST_DIR}/probe_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/seen_pairs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/syn_sweep.cpp ${CMAKE_CURRENT_LIST_DIR}/syn_run.cpp)
