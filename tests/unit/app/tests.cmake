# Tests of scanner/app (the parts that need no network: credentials, the command line's shared pieces).
camaudit_add_test(NAME test_app
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/credentials_test.cpp ${CMAKE_CURRENT_LIST_DIR}/cli_style_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/background_capture_test.cpp ${CMAKE_CURRENT_LIST_DIR}/provenance_test.cpp
  LINK camaudit_core camaudit_pcap_writer)
