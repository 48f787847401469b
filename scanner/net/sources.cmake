# Sources of scanner/net: Asio plumbing only, no protocol knowledge beyond HTTP framing.
camaudit_stage(net
  ${CMAKE_CURRENT_LIST_DIR}/tcp_connect.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_limiter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_exchange.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_certificate.cpp)
