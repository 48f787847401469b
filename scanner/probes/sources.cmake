# Sources of scanner/probes: one file per active probe, the port table, the registry.
camaudit_stage(probes
  ${CMAKE_CURRENT_LIST_DIR}/port_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtsp_probe.cpp ${CMAKE_CURRENT_LIST_DIR}/tls_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onvif_probe.cpp ${CMAKE_CURRENT_LIST_DIR}/onvif_auth.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wsd_probe.cpp ${CMAKE_CURRENT_LIST_DIR}/sadp_probe.cpp ${CMAKE_CURRENT_LIST_DIR}/dhip_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ssdp_probe.cpp ${CMAKE_CURRENT_LIST_DIR}/snmp_probe.cpp ${CMAKE_CURRENT_LIST_DIR}/mdns_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/snmp_engine_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sdk_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry.cpp)
