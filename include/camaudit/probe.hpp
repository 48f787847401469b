// The contract of an active deep probe: one file in scanner/probes/ fills one DeepProbe,
// and scanner/probes/registry.cpp lists them all (zmap's probe-module table, in C++).
#pragma once
#include <boost/asio/awaitable.hpp>
#include <camaudit/observation.hpp>
#include <camaudit/report.hpp>
#include <camaudit/target.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit {

// Hard limits on what one exchange may cost; every probe honours them.
struct ProbeLimits {
    std::chrono::milliseconds connect_timeout{1500};
    std::chrono::milliseconds exchange_timeout{4000};  // one request and its answer
    std::size_t max_header_bytes = 64 * 1024;
    std::size_t max_body_bytes = 256 * 1024;
    std::size_t max_requests_per_port = 12;
    std::size_t max_value_bytes = 4096;  // cap of one observation value
    std::size_t max_observations_per_host = 2000;  // the rest are dropped, with one error
};

// Read-only data a probe may consult (loaded once, outlives every task).
struct ProbeData {
    struct HttpPath {
        std::string path;
        std::string when;  // RE2 over the first answer (headers and body); empty = always
        std::string why;   // which vendor's interface this path names, for the docs
    };
    std::vector<HttpPath> http_paths;
    // ONVIF credentials the operator supplied (a 0600 file or the environment, never a
    // flag): used only to retry read-only device-service calls refused anonymously, and
    // never written to a report, an error or a log.
    struct OnvifCredentials {
        std::string username;
        std::string password;
    };
    std::optional<OnvifCredentials> onvif_credentials = std::nullopt;
    // SNMP read community (scan config key snmp_community or CAMAUDIT_SNMP_COMMUNITY, never a
    // flag): a shared secret, sent only inside the SNMP GetRequest, never reported or logged.
    std::string snmp_community = "public";
};

struct ProbeTarget {
    Endpoint endpoint;
    std::string ip;  // canonical text form of endpoint.address
};

struct ProbeResult {
    std::vector<Observation> observations;
    std::vector<ReportError> errors;
    std::string service;  // the service found on the port ("http", "https", ...), or empty
};

struct ProbeEnv {
    const ProbeLimits& limits;
    const ProbeData& data;
};

// A probe: declared name (the --probes word, the file name, the report's label), the
// observation keys it may emit (checked against the vocabulary by a test), the ports it
// applies to, and the coroutine that runs one exchange series against one open port.
// `run` never throws for network outcomes: refused, reset, timeout and garbage are
// recorded in ProbeResult::errors.
struct DeepProbe {
    std::string_view name;
    std::string_view summary;
    std::span<const std::string_view> emits;
    bool (*applies)(std::uint16_t port);
    boost::asio::awaitable<ProbeResult> (*run)(ProbeTarget target, ProbeEnv env);
};

// What a UDP probe needs to build its datagram and to check an answer belongs to it.
struct UdpExchange {
    std::string ip;          // the probed address, canonical text
    std::string message_id;  // unique per datagram (WS-Discovery MessageID, SADP Uuid, ...)
    const ProbeData* data = nullptr;  // read-only probe data (the SNMP community), may be null
};

// A UDP probe: one datagram to `port` of every target address (not per open TCP port),
// then every answer from that address within the listen window is interpreted. The engine
// sends from one socket per probe, drops answers from addresses it did not probe, caps
// datagrams at 64 KiB and paces sends with the same token bucket as connects.
// `interpret` is pure: no I/O; answers that are not this protocol or do not match the
// exchange (a forged RelatesTo) return an empty result or an error, never throw.
struct UdpProbe {
    std::string_view name;
    std::string_view summary;
    std::span<const std::string_view> emits;
    std::uint16_t port;
    std::string (*request)(const UdpExchange& exchange);
    ProbeResult (*interpret)(std::string_view datagram, const UdpExchange& exchange);
    // The IPv4 group `camaudit discover` sends the same request to on one interface (from an
    // ephemeral port, answers arrive by unicast), e.g. "239.255.255.250"; empty: unicast only.
    std::string_view multicast_group = {};
};

}  // namespace camaudit
