# Sources of scanner/app: subcommands, run orchestration, progress (explicit list).
camaudit_stage(app
  ${CMAKE_CURRENT_LIST_DIR}/run.cpp ${CMAKE_CURRENT_LIST_DIR}/cli_style.cpp
  ${CMAKE_CURRENT_LIST_DIR}/foreign_options.cpp ${CMAKE_CURRENT_LIST_DIR}/config_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/discover_command.cpp ${CMAKE_CURRENT_LIST_DIR}/layer2_scan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/background_capture.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scan_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/verify_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scan_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/demo_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/saved_report.cpp ${CMAKE_CURRENT_LIST_DIR}/diff_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pipeline.cpp
  ${CMAKE_CURRENT_LIST_DIR}/passive_command.cpp ${CMAKE_CURRENT_LIST_DIR}/report_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_dir.cpp)
target_include_directories(camaudit_app PRIVATE ${PROJECT_SOURCE_DIR}/tests)
