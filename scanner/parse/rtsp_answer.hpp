// What an RTSP answer (OPTIONS or DESCRIBE, RFC 2326) and its SDP body tell about a device,
// as observations: pure, no I/O, any bytes.
#pragma once
#include <camaudit/observation.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camaudit::parse {

// Caps: the probe reads at most these many bytes; the parser never looks past them.
inline constexpr std::size_t max_rtsp_head_bytes = 64 * 1024;
inline constexpr std::size_t max_rtsp_body_bytes = 64 * 1024;  // the SDP
inline constexpr std::size_t max_rtsp_header_fields = 100;
inline constexpr std::size_t max_sdp_lines = 2000;

// One RTSP answer: header names keep their case and order; `body` is the SDP, if any.
struct RtspAnswer {
    unsigned status = 0;
    std::string version;  // "RTSP/1.0"
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

enum class RtspParse { ok, wrong_protocol, malformed };

struct RtspHead {
    RtspParse outcome = RtspParse::malformed;
    RtspAnswer answer;               // status and headers when outcome is ok
    std::size_t content_length = 0;  // as announced, capped at max_rtsp_body_bytes
};

// Length of the head (through the blank line) at the start of `bytes`, nullopt while the
// blank line has not arrived. Accepts CRLF and bare LF line ends.
std::optional<std::size_t> rtsp_head_length(std::string_view bytes);

// Parses a head ("RTSP/1.0 200 OK\r\nCSeq: 1\r\n...\r\n\r\n"). Anything not starting with
// "RTSP/" is wrong_protocol (an HTTP server on 554 says "HTTP/1.0 ..."); a status line
// without a three-digit code is malformed.
RtspHead parse_rtsp_head(std::string_view head);

// The observation keys this parser can emit (the vocabulary test checks them).
inline constexpr std::string_view rtsp_observation_keys[] = {
    "rtsp.status",          "rtsp.header.server",     "rtsp.header.public",
    "rtsp.header.names",    "rtsp.header.www_authenticate", "rtsp.auth.realm",
    "rtsp.sdp.session_name", "rtsp.sdp.info",          "rtsp.sdp.tool",
};

// Observations of one answer to `method`; `base` supplies ip, port, proto, probe, context
// and time; every value is valid UTF-8 capped at `max_value_bytes`.
std::vector<Observation> rtsp_observations(const RtspAnswer& answer, std::string_view method,
                                           const Observation& base, std::size_t max_value_bytes);

// Session-level SDP fields (before the first m= line): s=, i= and every a=tool:.
struct SdpSummary {
    std::optional<std::string> session_name;
    std::optional<std::string> info;
    std::vector<std::string> tools;
};
SdpSummary parse_sdp(std::string_view sdp);

}  // namespace camaudit::parse
