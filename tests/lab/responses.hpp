// Pure functions that turn a profile into the bytes a device sends: HTTP and RTSP responses
// with header names in the profile's own order and case, and hex banners. No I/O here.
#pragma once
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace camaudit::lab {

// "00000010 0000001e": hex digit pairs, whitespace allowed between pairs.
std::optional<std::string> decode_hex(std::string_view hex);

// The profile's HTTP entry for this request, or nullptr (the device answers 404). An entry
// with `port` or `tls` applies only there and wins over one without.
const nlohmann::ordered_json* find_http_entry(const nlohmann::ordered_json& profile,
                                              std::string_view method, std::string_view target,
                                              std::uint16_t port, bool tls);

// Status line, the entry's headers byte for byte, Content-Length equal to the real body
// length (under the profile's own spelling of the name when it has one), the body.
std::string render_http_response(const nlohmann::ordered_json& entry);
std::string render_http_not_found();
// Whether the entry's headers ask to close the connection after the response.
bool closes_connection(const nlohmann::ordered_json& entry);
// The ONVIF device service of a profile's `onvif` block: a POST to its `path` (default
// /onvif/device_service) answered by the SOAP action named in the body, as a whole HTTP
// response; nullopt when the profile has no ONVIF (no block, or an "unknown" manufacturer) or
// the request is not for it. `auth_required` refuses the READ_SYSTEM calls with a fault.
std::optional<std::string> render_onvif_response(const nlohmann::ordered_json& profile, std::string_view method,
                                                 std::string_view target, std::string_view body,
                                                 std::chrono::system_clock::time_point now);

// The method and CSeq of an RTSP request head ("OPTIONS rtsp://… RTSP/1.0\r\nCSeq: 2\r\n…"),
// or nullopt when the first line is not RTSP.
struct RtspRequest {
    std::string method;
    std::string cseq;
};
std::optional<RtspRequest> parse_rtsp_request(std::string_view head);

// `answer` is {status, headers, body?}; the request's CSeq replaces the profile's (kept where
// the profile put it), or comes first when the profile has none. A non-empty `body` (an
// SDP) follows the head, with Content-Length set to its real length as the last header.
std::string render_rtsp_response(const nlohmann::ordered_json& answer, std::string_view cseq);

// Hostile devices (profile field `behaviour`): how every open port of the device misbehaves.
enum class Behaviour { normal, drip, huge_header, endless_body, garbage, reset, silent, huge_xml };

// The behaviour named in a profile ("drip", "huge_header", ...), nullopt for an unknown name.
std::optional<Behaviour> behaviour_named(std::string_view name);
// The names accepted above, comma-separated, for error messages and docs.
std::string_view behaviour_names();

// A hostile device's first bytes: the status line a dripping device starts with; the head of
// an endless answer (chunked, or close-delimited without any length); the head of one
// 64 KiB chunk of an endless chunked body.
inline constexpr std::string_view drip_status_line = "HTTP/1.1 200 OK\r\n";
std::string endless_body_head(bool chunked);
inline constexpr std::size_t endless_chunk_size = 64 * 1024;
inline constexpr std::string_view endless_chunk_head = "10000\r\n";  // hex of endless_chunk_size
// The huge header line is `huge_header_prefix` + huge_header_bytes filler bytes + "\r\n",
// followed by huge_header_tail.
inline constexpr std::size_t huge_header_bytes = 4 * 1024 * 1024;
inline constexpr std::string_view huge_header_prefix = "HTTP/1.1 200 OK\r\nX-Huge: ";
inline constexpr std::string_view huge_header_tail = "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
// The enormous XML answer: huge_xml_head() (status, headers with the exact Content-Length, the
// start of a SOAP envelope), then huge_xml_chunks chunks of endless_chunk_size bytes of nested
// `<aa>` elements that never close: 32 MiB of ever deeper XML.
inline constexpr std::size_t huge_xml_chunks = 512;
inline constexpr std::string_view huge_xml_element = "<aa>";
std::string huge_xml_head();

}  // namespace camaudit::lab
