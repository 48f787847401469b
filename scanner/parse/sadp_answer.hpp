// Hikvision SADP ProbeMatch (UDP 37020) as observations: pure, no I/O, any bytes; and the MAC
// normaliser the discovery parsers share.
#pragma once
#include <camaudit/observation.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t max_sadp_fields = 80;
inline constexpr std::size_t max_sadp_field_bytes = 512;

// One ProbeMatch: the echoed Uuid and every child element's text in wire order (capped).
struct SadpAnswer {
    std::string uuid;
    std::string types;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string mac;  // MAC normalised, empty when absent or malformed

    std::string_view field(std::string_view name) const;
};

// A <ProbeMatch> document (bounded XML, no DOCTYPE); nullopt for anything else.
std::optional<SadpAnswer> parse_sadp_answer(std::string_view datagram);

// The inquiry datagram for `uuid` (SADP's only read-only request).
std::string sadp_inquiry(std::string_view uuid);

// "aa:bb:cc:dd:ee:ff" from six hex pairs separated by '-', ':' or nothing; empty otherwise.
std::string normalised_mac(std::string_view text);

inline constexpr std::string_view sadp_observation_keys[] = {
    "sadp.device_type",      "sadp.device_description", "sadp.device_sn", "sadp.mac",
    "sadp.software_version", "sadp.dsp_version",        "sadp.oem_info",  "sadp.activated",
};

// One observation per known field present; each carries the reply's MAC in `mac`.
std::vector<Observation> sadp_observations(const SadpAnswer& answer, const Observation& base,
                                           std::size_t max_value_bytes);

}  // namespace camaudit::parse
