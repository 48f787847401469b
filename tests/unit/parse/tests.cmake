# Tests of scanner/parse.
camaudit_add_test(NAME test_parse
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_answer_test.cpp ${CMAKE_CURRENT_LIST_DIR}/discovery_answers_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/onvif_answer_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/rtsp_answer_test.cpp ${CMAKE_CURRENT_LIST_DIR}/x509_summary_test.cpp
  LINK camaudit_parse)
# SSDP, UPnP description, SNMP BER and DNS (mDNS) parsers.
camaudit_add_test(NAME test_parse_discovery2
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ssdp_test.cpp ${CMAKE_CURRENT_LIST_DIR}/upnp_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/snmp_ber_test.cpp ${CMAKE_CURRENT_LIST_DIR}/dns_test.cpp
  LINK camaudit_parse)
