# Every third-party library, found as Debian 12 installs it (scripts/install-deps).
find_package(Boost 1.81...<1.82 REQUIRED CONFIG)  # Debian 12: libboost1.81-dev
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(fmt REQUIRED)
find_package(pugixml REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

add_library(camaudit_deps INTERFACE)
target_link_libraries(camaudit_deps INTERFACE
  Boost::headers OpenSSL::SSL OpenSSL::Crypto nlohmann_json::nlohmann_json fmt::fmt
  pugixml::pugixml CLI11::CLI11 tomlplusplus::tomlplusplus PkgConfig::RE2 PkgConfig::PCAP
  Threads::Threads)
