# Sources of scanner/probes: one file per active probe, the port table, the registry.
camaudit_stage(probes
  ${CMAKE_CURRENT_LIST_DIR}/port_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry.cpp)
