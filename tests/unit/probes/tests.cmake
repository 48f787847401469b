# Tests of scanner/probes.
camaudit_add_test(NAME test_probes
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/port_table_test.cpp ${CMAKE_CURRENT_LIST_DIR}/registry_test.cpp
  LINK camaudit_probes camaudit_net camaudit_parse camaudit_identify)
