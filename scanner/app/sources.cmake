# Sources of scanner/app: subcommands, run orchestration, progress (explicit list).
camaudit_stage(app
  ${CMAKE_CURRENT_LIST_DIR}/run.cpp ${CMAKE_CURRENT_LIST_DIR}/cli_style.cpp
  ${CMAKE_CURRENT_LIST_DIR}/foreign_options.cpp ${CMAKE_CURRENT_LIST_DIR}/config_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/waivers_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/discover_command.cpp ${CMAKE_CURRENT_LIST_DIR}/layer2_scan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/background_capture.cpp ${CMAKE_CURRENT_LIST_DIR}/least_privilege.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scan_command.cpp ${CMAKE_CURRENT_LIST_DIR}/sweep_choice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dry_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/verify_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scan_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/demo_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_commands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/saved_report.cpp ${CMAKE_CURRENT_LIST_DIR}/diff_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pipeline.cpp ${CMAKE_CURRENT_LIST_DIR}/policy_options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/passive_command.cpp ${CMAKE_CURRENT_LIST_DIR}/report_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_dir.cpp ${CMAKE_CURRENT_LIST_DIR}/environment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/provenance.cpp ${CMAKE_CURRENT_LIST_DIR}/data_sources.cpp
  ${CMAKE_CURRENT_LIST_DIR}/content_digest.cpp ${CMAKE_CURRENT_LIST_DIR}/build_commit.cpp)
# Only build_commit.cpp sees the commit: a new commit recompiles that one file.
include(${PROJECT_SOURCE_DIR}/cmake/build_commit.cmake)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/build_commit.cpp PROPERTIES
  COMPILE_DEFINITIONS "CAMAUDIT_GIT_COMMIT=\"${CAMAUDIT_GIT_COMMIT}\"")
target_include_directories(camaudit_app PRIVATE ${PROJECT_SOURCE_DIR}/tests)
