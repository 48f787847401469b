# The git commit the build is configured from, for the report's provenance; "unknown" when the
# source is not a git checkout or git is missing (the build never fails for it). Read at
# configure time: re-run cmake to refresh it.
set(CAMAUDIT_GIT_COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE camaudit_git_head OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE camaudit_git_result ERROR_QUIET)
  if(camaudit_git_result EQUAL 0 AND camaudit_git_head MATCHES "^[0-9a-f]+$")
    set(CAMAUDIT_GIT_COMMIT "${camaudit_git_head}")
  endif()
endif()
