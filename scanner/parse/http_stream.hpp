// The HTTP answers at the start of a server's byte stream, as a capture shows them (one
// direction of a TCP flow, no request in sight): framing only, observations come from
// http_answer. Pure, no I/O, any bytes.
#pragma once
#include <parse/http_answer.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t max_stream_answers = 8;         // keep-alive answers per flow
inline constexpr std::size_t max_http_head_bytes = 64 * 1024;

// Every answer ("HTTP/1.x NNN ...", head and as much body as arrived: Content-Length,
// chunked, or to the end) in order; stops at the first bytes that are not an answer.
// `method` and `path` stay empty: the request is in the other direction. Bodies are
// capped at max_body_observation_bytes, header fields at max_header_fields.
std::vector<HttpAnswer> http_answers_in_stream(std::string_view stream);

}  // namespace camaudit::parse
