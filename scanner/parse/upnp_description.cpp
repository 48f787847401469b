// Device descriptions vary in namespace prefixes and element order by vendor, so elements are
// matched by local name; only the fields that name a device are kept.
#include <parse/upnp_description.hpp>
#include <parse/text.hpp>
#include <parse/wsd_answer.hpp>

#include <set>

namespace camaudit::parse {
namespace {

// Which <device> child becomes which observation key.
constexpr std::pair<std::string_view, std::string_view> field_keys[] = {
    {"manufacturer", "upnp.description.manufacturer"},
    {"manufacturerURL", "upnp.description.manufacturer_url"},
    {"modelName", "upnp.description.model_name"},
    {"modelNumber", "upnp.description.model_number"},
    {"modelDescription", "upnp.description.model_description"},
    {"serialNumber", "upnp.description.serial_number"},
    {"friendlyName", "upnp.description.friendly_name"},
    {"UDN", "upnp.description.udn"},
    {"deviceType", "upnp.description.device_type"},
};

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
    for (auto child = parent.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element && local_name(child) == name) return child;
    return {};
}

UpnpDevice read_device(const pugi::xml_node& device) {
    UpnpDevice out;
    for (const auto& [element, key] : field_keys) {
        const std::string_view text = trim(child_named(device, element).text().get());
        if (!text.empty()) out.fields.emplace_back(std::string(element), to_valid_utf8(text, max_upnp_field_bytes));
    }
    return out;
}

void collect(const pugi::xml_node& device, UpnpDescription& out) {
    if (out.devices.size() >= max_upnp_devices) return;
    out.devices.push_back(read_device(device));
    const auto list = child_named(device, "deviceList");
    for (auto child = list.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element && local_name(child) == "device") collect(child, out);
}

}  // namespace

std::string_view UpnpDevice::field(std::string_view name) const {
    for (const auto& [key, value] : fields)
        if (key == name) return value;
    return {};
}

std::optional<UpnpDescription> parse_upnp_description(std::string_view xml) {
    pugi::xml_document doc;
    if (!load_bounded_xml(doc, xml)) return std::nullopt;
    const auto root = doc.document_element();
    if (local_name(root) != "root") return std::nullopt;
    const auto device = child_named(root, "device");
    if (!device) return std::nullopt;
    UpnpDescription out;
    collect(device, out);
    return out;
}

std::vector<Observation> upnp_observations(const UpnpDescription& description, const Observation& base,
                                           std::size_t max_value_bytes) {
    std::vector<Observation> out;
    std::set<std::pair<std::string_view, std::string>> seen;
    for (const auto& device : description.devices) {
        for (const auto& [element, key] : field_keys) {
            const std::string_view value = device.field(element);
            if (value.empty()) continue;
            std::string capped = to_valid_utf8(value, max_value_bytes);
            if (!seen.emplace(key, capped).second) continue;
            Observation o = base;
            o.key = std::string(key);
            o.value = std::move(capped);
            out.push_back(std::move(o));
        }
    }
    return out;
}

}  // namespace camaudit::parse
