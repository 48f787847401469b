# Sources of scanner/parse: pure parsers over bytes, no I/O (explicit list).
camaudit_stage(parse
  ${CMAKE_CURRENT_LIST_DIR}/text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arp_packet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/soap_envelope.cpp ${CMAKE_CURRENT_LIST_DIR}/onvif_answer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_answer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtsp_answer.cpp ${CMAKE_CURRENT_LIST_DIR}/x509_summary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/wsd_answer.cpp ${CMAKE_CURRENT_LIST_DIR}/sadp_answer.cpp ${CMAKE_CURRENT_LIST_DIR}/dhip_answer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_handshake.cpp ${CMAKE_CURRENT_LIST_DIR}/http_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/link_frame.cpp ${CMAKE_CURRENT_LIST_DIR}/dhcp_message.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ssdp_message.cpp ${CMAKE_CURRENT_LIST_DIR}/upnp_description.cpp
  ${CMAKE_CURRENT_LIST_DIR}/snmp_ber.cpp ${CMAKE_CURRENT_LIST_DIR}/dns_message.cpp)
