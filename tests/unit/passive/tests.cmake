# Tests of scanner/passive and its parsers: link frames, DHCP, the TCP flow table, and whole
# capture files made by the generator (tests/fixtures/pcap) read through libpcap.
camaudit_add_test(NAME test_passive_core
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/link_frame_test.cpp ${CMAKE_CURRENT_LIST_DIR}/dhcp_message_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/flow_table_test.cpp ${CMAKE_CURRENT_LIST_DIR}/capture_run_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/pcap_variants_test.cpp
  LINK camaudit_core camaudit_pcap_writer)

# The decoders of the protocols the active probes already ask (wsd, sadp, dhip, http, rtsp,
# tls, ssdp, mdns): packets from real answer bytes, the TLS flight parser, the decoder table
# against the vocabulary.
camaudit_add_test(NAME test_passive_decoders
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/sadp_decoder_test.cpp ${CMAKE_CURRENT_LIST_DIR}/dhip_decoder_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/wsd_decoder_test.cpp ${CMAKE_CURRENT_LIST_DIR}/http_decoder_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/rtsp_decoder_test.cpp ${CMAKE_CURRENT_LIST_DIR}/tls_decoder_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/ssdp_decoder_test.cpp ${CMAKE_CURRENT_LIST_DIR}/mdns_decoder_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/decoder_registry_test.cpp
  LINK camaudit_core)
