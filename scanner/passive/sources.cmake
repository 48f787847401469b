# Sources of scanner/passive: frames to packets, the TCP flow table, one decoder per protocol,
# the registry.
camaudit_stage(passive
  ${CMAKE_CURRENT_LIST_DIR}/packet_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry.cpp)
