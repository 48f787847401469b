# Sources of scanner/net: Asio plumbing only, no protocol knowledge beyond HTTP framing.
camaudit_stage(net
  ${CMAKE_CURRENT_LIST_DIR}/rate_limiter.cpp ${CMAKE_CURRENT_LIST_DIR}/capabilities.cpp
  ${CMAKE_CURRENT_LIST_DIR}/interface_info.cpp ${CMAKE_CURRENT_LIST_DIR}/neighbour_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arp_sweep.cpp ${CMAKE_CURRENT_LIST_DIR}/multicast_socket.cpp ${CMAKE_CURRENT_LIST_DIR}/privileges.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_exchange.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_certificate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pcap_source.cpp ${CMAKE_CURRENT_LIST_DIR}/route_source.cpp)
