// SSDP (HTTP over UDP, port 1900): an M-SEARCH response or a NOTIFY as a structured message,
// the M-SEARCH datagram, the LOCATION URL split, and ssdp.* observations. Pure, no I/O, any bytes.
// Shared by the active probe (scanner/probes/ssdp_probe.cpp) and the passive SSDP decoder.
#pragma once
#include <camaudit/observation.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camaudit::parse {

// Caps: a datagram beyond max_ssdp_datagram_bytes is only read up to the cap.
inline constexpr std::size_t max_ssdp_datagram_bytes = 8 * 1024;
inline constexpr std::size_t max_ssdp_header_fields = 40;
inline constexpr std::size_t max_ssdp_line_bytes = 1024;

enum class SsdpKind { search_response, notify, search };
enum class SsdpParse { ok, wrong_protocol, malformed };

// One SSDP message; header names keep their case and wire order, values are trimmed valid
// UTF-8 (each at most max_ssdp_line_bytes). The named members are copies of the usual
// headers (empty when absent); `target` is ST for responses and searches, NT for NOTIFY.
struct SsdpMessage {
    SsdpKind kind = SsdpKind::search_response;
    unsigned status = 0;      // search_response only ("HTTP/1.1 200 OK" -> 200)
    std::string start_line;   // as received, valid UTF-8
    std::vector<std::pair<std::string, std::string>> headers;
    std::string server, location, usn, target, nts, cache_control;
    std::optional<unsigned> max_age;  // from CACHE-CONTROL: max-age=N

    // The first header of that name (ASCII case ignored), empty when absent.
    std::string_view header(std::string_view name) const;
    // The "uuid:..." part of USN before any "::", lower case; empty when USN has none.
    std::string uuid() const;
};

struct SsdpResult {
    SsdpParse outcome = SsdpParse::malformed;
    SsdpMessage message;  // meaningful when outcome is ok
};

// "HTTP/1.x <code> ..." is a search response, "NOTIFY * HTTP/1.x" a notify, "M-SEARCH *
// HTTP/1.x" a search; any other first line is wrong_protocol. A header line without a colon,
// a line longer than the cap or a head without a blank line is malformed (a head cut by the
// end of the datagram is accepted: devices omit the final blank line).
SsdpResult parse_ssdp_message(std::string_view datagram);

// A unicast or multicast M-SEARCH: HOST `host` (e.g. "192.0.2.1:1900"), MAN "ssdp:discover",
// MX `mx`, ST `search_target`, our USER-AGENT.
std::string ssdp_msearch(std::string_view host, std::string_view search_target, unsigned mx);

// An http:// URL split into host, port and path; the host is returned as written (an IPv6
// literal without its brackets). nullopt for another scheme, userinfo, a bad port or
// anything longer than max_ssdp_line_bytes. `host_is_ip` tells whether host is an IP literal.
struct LocationUrl {
    std::string host;
    std::uint16_t port = 80;
    std::string path = "/";
    bool host_is_ip = false;
};
std::optional<LocationUrl> parse_location_url(std::string_view url);

// Whether a LOCATION path looks like a UPnP device description (research/protocols.md 6.3,
// 6.5: `/rootDesc.xml`, `/description.xml`): "/" then letters, digits and - _ . ~ / only
// (no query, fragment, percent escape or ".." segment), no "cgi-bin" segment, ending in
// ".xml", at most 256 bytes. Anything else is a request the device did not describe itself with.
bool is_description_path(std::string_view path);

inline constexpr std::string_view ssdp_observation_keys[] = {
    "ssdp.header.server", "ssdp.header.location", "ssdp.header.usn",
    "ssdp.header.st",     "ssdp.header.nt",       "ssdp.uuid",
};

// One observation per header present (st for responses, nt for NOTIFY); `base` supplies ip,
// port, proto, probe, context and time; values are valid UTF-8 capped at max_value_bytes.
std::vector<Observation> ssdp_observations(const SsdpMessage& message, const Observation& base,
                                           std::size_t max_value_bytes);

}  // namespace camaudit::parse
