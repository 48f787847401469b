// WS-Discovery ProbeMatches (ONVIF device discovery, UDP 3702) as observations: pure, no I/O,
// any bytes; also the bounded XML loader the other XML discovery parsers (SADP) share.
#pragma once
#include <camaudit/observation.hpp>

#include <pugixml.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t max_xml_datagram_bytes = 64 * 1024;
inline constexpr std::size_t max_xml_depth = 24;
inline constexpr std::size_t max_xml_nodes = 4096;
inline constexpr std::size_t max_wsd_matches = 8;
inline constexpr std::size_t max_wsd_list_items = 32;  // scopes, types or xaddrs of one match

// Loads `bytes` into `doc` without ever expanding an entity: a DOCTYPE anywhere is refused,
// as are documents over max_xml_datagram_bytes, deeper than max_xml_depth or with more than
// max_xml_nodes nodes. False when refused or not well-formed.
bool load_bounded_xml(pugi::xml_document& doc, std::string_view bytes);

// An element's name without its namespace prefix ("wsa:RelatesTo" -> "RelatesTo").
std::string_view local_name(const pugi::xml_node& node);

struct WsdMatch {
    std::string endpoint;  // EndpointReference/Address
    std::vector<std::string> types, scopes, xaddrs;
};

struct WsdAnswer {
    std::string action, message_id, relates_to;
    std::vector<WsdMatch> matches;
};

// A SOAP envelope whose body holds ProbeMatches (2005/04 or 2009 namespaces, any prefixes);
// nullopt for anything else.
std::optional<WsdAnswer> parse_wsd_answer(std::string_view datagram);

// What a passive listener on 3702 hears from devices: a ProbeMatches (as above), a Hello or
// a Bye; a Hello or Bye becomes one match and `action` tells them apart. nullopt for
// anything else (a Probe is a client's, not a device's).
std::optional<WsdAnswer> parse_wsd_message(std::string_view datagram);

// %XX decoded once; malformed escapes are kept as they are.
std::string percent_decoded(std::string_view text);

inline constexpr std::string_view wsd_observation_keys[] = {
    "wsd.scope", "wsd.xaddr", "wsd.types", "wsd.endpoint_reference",
};

// One wsd.scope per scope URI (percent-decoded), one wsd.xaddr per address, the Types list
// and the endpoint reference; `base` supplies ip, port, proto, probe and time. A scope
// onvif://www.onvif.org/MAC/<mac> sets every observation's `mac`.
std::vector<Observation> wsd_observations(const WsdAnswer& answer, const Observation& base,
                                          std::size_t max_value_bytes);

}  // namespace camaudit::parse
