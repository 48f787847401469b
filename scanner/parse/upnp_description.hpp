// A UPnP device description (the XML at an SSDP LOCATION) as upnp.description.* observations.
// Pure, no I/O, any bytes; read through the bounded XML loader (no DTD, no entity expansion).
#pragma once
#include <camaudit/observation.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t max_upnp_devices = 16;  // root device + embedded ones kept
inline constexpr std::size_t max_upnp_field_bytes = 512;

// The identifying fields of one <device>, in a fixed order (element name, trimmed text),
// only those present and non-empty.
struct UpnpDevice {
    std::vector<std::pair<std::string, std::string>> fields;
    std::string_view field(std::string_view name) const;
};

// Root device first, then embedded devices (deviceList/device, depth first) up to the cap.
struct UpnpDescription {
    std::vector<UpnpDevice> devices;
};

// A <root> document with at least one <device>; nullopt for anything else (HTML, a SOAP
// fault, malformed or oversized XML, a DOCTYPE).
std::optional<UpnpDescription> parse_upnp_description(std::string_view xml);

inline constexpr std::string_view upnp_observation_keys[] = {
    "upnp.description.manufacturer",      "upnp.description.manufacturer_url",
    "upnp.description.model_name",        "upnp.description.model_number",
    "upnp.description.model_description", "upnp.description.serial_number",
    "upnp.description.friendly_name",     "upnp.description.udn",
    "upnp.description.device_type",
};

// One observation per field of each device (embedded devices repeat only what differs from
// the root's value for the same key).
std::vector<Observation> upnp_observations(const UpnpDescription& description, const Observation& base,
                                           std::size_t max_value_bytes);

}  // namespace camaudit::parse
