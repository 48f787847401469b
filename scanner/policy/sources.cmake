# The policy stage: regulations loader and the status rules.
camaudit_stage(policy
  ${CMAKE_CURRENT_LIST_DIR}/json_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/regulation_db.cpp
  ${CMAKE_CURRENT_LIST_DIR}/profile_db.cpp
  ${CMAKE_CURRENT_LIST_DIR}/apply_policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/waivers.cpp)
