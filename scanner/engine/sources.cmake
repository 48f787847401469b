# Sources of scanner/engine: the sweeps, host discovery, the deep-probe scheduler, the UDP
# sweep and the scan that ties them together (the scheduling app/ only wires).
camaudit_stage(engine
  ${CMAKE_CURRENT_LIST_DIR}/connect_window.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connect_sweep.cpp
  ${CMAKE_CURRENT_LIST_DIR}/host_discovery.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtt_estimate.cpp ${CMAKE_CURRENT_LIST_DIR}/retry_rule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/deep_probes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/collector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/progress_line.cpp
  ${CMAKE_CURRENT_LIST_DIR}/udp_sweep.cpp ${CMAKE_CURRENT_LIST_DIR}/location_fetch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scan_engine.cpp ${CMAKE_CURRENT_LIST_DIR}/scan_estimate.cpp
  # The stateless SYN sweep: raw packets, keyed-hash validation, the duplicate filter.
  ${CMAKE_CURRENT_LIST_DIR}/tcp_packet.cpp ${CMAKE_CURRENT_LIST_DIR}/probe_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/seen_pairs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/syn_sweep.cpp ${CMAKE_CURRENT_LIST_DIR}/syn_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/family_split_sweep.cpp)
