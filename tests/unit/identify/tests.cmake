# Unit tests of scanner/identify: merge, confidence, relabels, decoys, and the lab replay
# through the HTTP probe's own extraction (camaudit_parse).
camaudit_add_test(NAME test_identify
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/identify_merge_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/signature_match_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/lab_replay_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/oui_table_test.cpp ${CMAKE_CURRENT_LIST_DIR}/oui_merge_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/brand_label_test.cpp ${CMAKE_CURRENT_LIST_DIR}/unconfirmed_udp_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/relabel_kinds_test.cpp
  LINK camaudit_identify camaudit_parse camaudit_probes camaudit_net)
