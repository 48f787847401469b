# Sources of scanner/passive: frames to packets, the TCP flow table, one decoder per protocol,
# the registry.
camaudit_stage(passive
  ${CMAKE_CURRENT_LIST_DIR}/packet_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wsd_decoder.cpp ${CMAKE_CURRENT_LIST_DIR}/sadp_decoder.cpp ${CMAKE_CURRENT_LIST_DIR}/dhip_decoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_decoder.cpp ${CMAKE_CURRENT_LIST_DIR}/rtsp_decoder.cpp ${CMAKE_CURRENT_LIST_DIR}/tls_decoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ssdp_decoder.cpp ${CMAKE_CURRENT_LIST_DIR}/mdns_decoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arp_decoder.cpp ${CMAKE_CURRENT_LIST_DIR}/dhcp_decoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/flow_table.cpp ${CMAKE_CURRENT_LIST_DIR}/capture_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry.cpp)
