// Dahua DHIP discovery (UDP 37810): the search datagram and the client.notifyDevInfo answer as
// observations. Pure, no I/O, any bytes.
#pragma once
#include <camaudit/observation.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t dhip_header_bytes = 32;
inline constexpr std::size_t max_dhip_body_bytes = 32 * 1024;
inline constexpr std::size_t max_dhip_field_bytes = 512;

// The fields of one notifyDevInfo answer that identify a device (strings as sent; numbers
// as their decimal text), in a fixed order; `mac` normalised.
struct DhipAnswer {
    std::string method;
    std::string mac;
    std::vector<std::pair<std::string, std::string>> device_info;

    std::string_view field(std::string_view name) const;
};

// The 32-byte little-endian DHIP header (length 32, "DHIP", ids 0, body length twice) + body.
std::string dhip_datagram(std::string_view body);

// The DHDiscover.search request (unicast answer asked for, every MAC).
std::string dhip_search_request();

// Header checked (length 32, magic, body length within the datagram and the cap); the JSON
// body may carry trailing NULs or newlines. nullopt unless method is client.notifyDevInfo.
std::optional<DhipAnswer> parse_dhip_answer(std::string_view datagram);

inline constexpr std::string_view dhip_observation_keys[] = {
    "dhip.device_type", "dhip.device_class", "dhip.serial",       "dhip.vendor",
    "dhip.manufacturer", "dhip.version",     "dhip.machine_name", "dhip.mac",
};

// One observation per field present; each carries the answer's MAC in `mac`.
std::vector<Observation> dhip_observations(const DhipAnswer& answer, const Observation& base,
                                           std::size_t max_value_bytes);

}  // namespace camaudit::parse
