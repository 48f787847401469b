// What one HTTP exchange tells about a device, as observations: pure, no I/O, any bytes.
#pragma once
#include <camaudit/observation.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camaudit::parse {

// Caps on what one answer may contribute (the probe caps the bytes read before this).
inline constexpr std::size_t max_body_observation_bytes = 64 * 1024;
inline constexpr std::size_t max_header_fields = 100;
inline constexpr std::size_t max_cookies = 20;

// One HTTP answer as read from the wire: header names keep their original case and order.
struct HttpAnswer {
    std::string method;
    std::string path;
    unsigned status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// The observation keys this parser can emit (the vocabulary test checks them).
inline constexpr std::string_view http_observation_keys[] = {
    "http.header.server", "http.header.www_authenticate", "http.auth.realm",
    "http.body.title",    "http.body.text",               "http.cookie.name",
    "http.header.names",  "http.header.location",         "http.path.status",
    "http.header.line",
};

// Observations of one answer; `base` supplies ip, port, proto, probe and time, and every
// value is valid UTF-8 capped at `max_value_bytes` (the body at max_body_observation_bytes).
std::vector<Observation> http_observations(const HttpAnswer& answer, const Observation& base,
                                           std::size_t max_value_bytes);

// The text of the first <title>, trimmed; nullopt when there is no title element.
std::optional<std::string> html_title(std::string_view body);

// The realm of a WWW-Authenticate value (quoted or token), nullopt when absent.
std::optional<std::string> auth_realm(std::string_view www_authenticate);

// Where the answer sends a browser: the Location header, a meta refresh or a script
// assigning location; a path on the same server (absolute URLs and other hosts are
// ignored: they may point outside the scan scope). Script targets lose their query.
std::optional<std::string> same_host_redirect(const HttpAnswer& answer);

}  // namespace camaudit::parse
