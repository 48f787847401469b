# End-to-end tests: the real binaries, run as a user would, against the device lab.
camaudit_add_test(NAME test_e2e
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/lab_scan_test.cpp ${CMAKE_CURRENT_LIST_DIR}/cli_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/hostile_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/interrupt_config_test.cpp ${CMAKE_CURRENT_LIST_DIR}/reports_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/onvif_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/udp_scan_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/fingerprints_cli_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/full_disk_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/rtsp_tls_scan_test.cpp
  LINK nlohmann_json::nlohmann_json)
target_compile_definitions(test_e2e PRIVATE
  CAMAUDIT_BIN="$<TARGET_FILE:camaudit>"
  CAMAUDIT_LAB_BIN="$<TARGET_FILE:camaudit-lab>"
  CAMAUDIT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_dependencies(test_e2e camaudit camaudit-lab)
