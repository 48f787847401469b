# Tests of scanner/probes.
camaudit_add_test(NAME test_probes
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/port_table_test.cpp ${CMAKE_CURRENT_LIST_DIR}/registry_test.cpp ${CMAKE_CURRENT_LIST_DIR}/udp_probes_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/onvif_probe_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/onvif_auth_test.cpp
  LINK camaudit_probes camaudit_net camaudit_parse camaudit_identify)
# The RTSP and TLS probes against the device lab: its own binary, because each process enters
# a private network namespace before any thread starts.
camaudit_add_test(NAME test_probes_lab
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtsp_tls_probe_test.cpp
  LINK camaudit_probes camaudit_net camaudit_parse camaudit_identify camaudit_lab)
# The SSDP, SNMP and mDNS UDP probes: request and interpret, identified with the shipped signatures.
camaudit_add_test(NAME test_probes_discovery2
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/discovery_probes_test.cpp
  LINK camaudit_probes camaudit_net camaudit_parse camaudit_identify)
# The hiksdk probe (Hikvision SDK port) against loopback servers: header, silence, close, flood.
camaudit_add_test(NAME test_probes_sdk
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/sdk_probe_test.cpp
  LINK camaudit_probes camaudit_net camaudit_parse camaudit_identify)
