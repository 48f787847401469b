# `cmake --install`: the binary, its data, camaudit(1) and the bash completion (both made from
# the built binary's --help), the systemd units, the example site config, the docs, LICENSE.
include(GNUInstallDirs)

# The binary finds its data relative to itself (app/data_dir.cpp), so any prefix works.
file(RELATIVE_PATH camaudit_data_from_bindir
  ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_DATADIR}/camaudit)
set_source_files_properties(scanner/app/data_dir.cpp PROPERTIES
  COMPILE_DEFINITIONS CAMAUDIT_DATA_FROM_BINDIR="${camaudit_data_from_bindir}")

set(camaudit_help_pages ${PROJECT_SOURCE_DIR}/cmake/help_pages.sh)
set(camaudit_man ${CMAKE_BINARY_DIR}/camaudit.1)
set(camaudit_completion ${CMAKE_BINARY_DIR}/camaudit.bash-completion)
add_custom_command(OUTPUT ${camaudit_man}
  COMMAND ${camaudit_help_pages} man $<TARGET_FILE:camaudit> ${camaudit_man}
  DEPENDS camaudit ${camaudit_help_pages}
  COMMENT "camaudit(1) from camaudit --help")
add_custom_command(OUTPUT ${camaudit_completion}
  COMMAND ${camaudit_help_pages} completion $<TARGET_FILE:camaudit> ${camaudit_completion}
  DEPENDS camaudit ${camaudit_help_pages}
  COMMENT "bash completion from camaudit --help")
add_custom_target(camaudit_help_pages ALL DEPENDS ${camaudit_man} ${camaudit_completion})

# `cmake --install` installs what is built; it never starts a build of every test binary.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS camaudit RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY fingerprints/ DESTINATION ${CMAKE_INSTALL_DATADIR}/camaudit)
install(DIRECTORY tests/lab/devices/ DESTINATION ${CMAKE_INSTALL_DATADIR}/camaudit/lab)
install(FILES ${camaudit_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${camaudit_completion} RENAME camaudit
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# lib/systemd/system under the prefix: systemd reads /usr/lib/... and /usr/local/lib/... alike.
install(FILES deploy/systemd/camaudit.service deploy/systemd/camaudit.timer
  DESTINATION lib/systemd/system)
install(FILES deploy/examples/site.toml deploy/examples/branch-offices.txt
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
