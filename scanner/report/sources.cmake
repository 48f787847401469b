# The report stage: camaudit.report/1 JSON, the text views, the format registry, atomic writes.
camaudit_stage(report
  ${CMAKE_CURRENT_LIST_DIR}/time_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/printable.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/formats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/atomic_write.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ndjson_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_report.cpp ${CMAKE_CURRENT_LIST_DIR}/html_provenance.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_diff.cpp
  ${CMAKE_CURRENT_LIST_DIR}/syslog_sender.cpp)
