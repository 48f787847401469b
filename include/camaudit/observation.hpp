// One fact seen on the wire: the only thing probes and decoders hand to identification.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace camaudit {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// `key` is a dotted name from fingerprints/vocabulary/keys/<protocol>.json
// (`<protocol>.<part>.<field>`); it is the one link between probes and signatures.
// `value` is valid UTF-8 and capped by the emitting probe (see observation_value.hpp).
struct Observation {
    std::string ip;        // canonical text form (boost::asio::ip::address::to_string)
    std::string mac;       // "aa:bb:cc:dd:ee:ff" lower case, empty when unknown
    std::string key;
    std::uint16_t port = 0;  // 0 when the fact is not tied to a port
    std::string proto;       // "tcp", "udp" or empty
    std::string value;
    std::string probe;       // probe or passive decoder name: "http", "tcp_connect", ...
    std::string context;     // what was asked, for the auditor: "GET /ISAPI/System/deviceInfo"
    TimePoint time{};
};

}  // namespace camaudit
