# Sources of scanner/identify: signature loader and matcher, vendor names, evidence merge.
camaudit_stage(identify
  ${CMAKE_CURRENT_LIST_DIR}/data_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signature_db.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vocabulary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vendor_db.cpp
  ${CMAKE_CURRENT_LIST_DIR}/oui_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/merge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/brand_labels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/identify.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shared_identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_paths.cpp
  ${CMAKE_CURRENT_LIST_DIR}/device_type.cpp)
