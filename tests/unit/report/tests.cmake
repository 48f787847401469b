# Report tests: camaudit.report/1 against design.md and docs/camaudit.report-1.schema.json,
# the text views, the format registry and atomic writing.
camaudit_add_test(NAME test_report
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/json_report_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/text_report_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/atomic_write_test.cpp ${CMAKE_CURRENT_LIST_DIR}/ndjson_report_test.cpp ${CMAKE_CURRENT_LIST_DIR}/csv_report_test.cpp ${CMAKE_CURRENT_LIST_DIR}/html_report_test.cpp ${CMAKE_CURRENT_LIST_DIR}/signing_test.cpp ${CMAKE_CURRENT_LIST_DIR}/syslog_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/report_diff_test.cpp ${CMAKE_CURRENT_LIST_DIR}/printable_test.cpp
  LINK camaudit_report camaudit_policy camaudit_identify)
