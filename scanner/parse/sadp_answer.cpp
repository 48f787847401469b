// Reads a SADP ProbeMatch leniently, element by element (field sets and spellings vary by
// firmware), through the bounded XML loader: no entities, no DOCTYPE, depth and size caps.
#include <parse/sadp_answer.hpp>
#include <parse/text.hpp>
#include <parse/wsd_answer.hpp>

namespace camaudit::parse {
namespace {

// Which ProbeMatch element becomes which observation key.
constexpr std::pair<std::string_view, std::string_view> field_keys[] = {
    {"DeviceType", "sadp.device_type"},        {"DeviceDescription", "sadp.device_description"},
    {"DeviceSN", "sadp.device_sn"},            {"MAC", "sadp.mac"},
    {"SoftwareVersion", "sadp.software_version"}, {"DSPVersion", "sadp.dsp_version"},
    {"OEMInfo", "sadp.oem_info"},              {"Activated", "sadp.activated"},
};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::string_view SadpAnswer::field(std::string_view name) const {
    for (const auto& [key, value] : fields)
        if (key == name) return value;
    return {};
}

std::string normalised_mac(std::string_view text) {
    text = trim(text);
    std::string hex;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_hex(text[i])) hex += static_cast<char>(text[i] | 0x20);
        else if ((text[i] != '-' && text[i] != ':') || i % 3 != 2) return {};
    }
    if (hex.size() != 12 || (text.size() != 12 && text.size() != 17)) return {};
    std::string mac;
    for (std::size_t i = 0; i < 12; i += 2) mac += (mac.empty() ? "" : ":") + hex.substr(i, 2);
    return mac;
}

std::optional<SadpAnswer> parse_sadp_answer(std::string_view datagram) {
    pugi::xml_document doc;
    if (!load_bounded_xml(doc, datagram)) return std::nullopt;
    const auto root = doc.document_element();
    if (local_name(root) != "ProbeMatch") return std::nullopt;
    SadpAnswer answer;
    for (auto child = root.first_child(); child && answer.fields.size() < max_sadp_fields;
         child = child.next_sibling()) {
        if (child.type() != pugi::node_element) continue;
        const std::string_view text = trim(child.text().get());
        answer.fields.emplace_back(std::string(local_name(child)),
                                   to_valid_utf8(text, max_sadp_field_bytes));
    }
    answer.uuid = std::string(answer.field("Uuid"));
    answer.types = std::string(answer.field("Types"));
    answer.mac = normalised_mac(answer.field("MAC"));
    return answer;
}

std::string sadp_inquiry(std::string_view uuid) {
    return R"(<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>)" + std::string(uuid) +
           "</Uuid><Types>inquiry</Types></Probe>";
}

std::vector<Observation> sadp_observations(const SadpAnswer& answer, const Observation& base,
                                           std::size_t max_value_bytes) {
    std::vector<Observation> out;
    for (const auto& [element, key] : field_keys) {
        const std::string_view value = answer.field(element);
        if (value.empty()) continue;
        Observation o = base;
        o.key = std::string(key);
        o.value = key == "sadp.mac" && !answer.mac.empty() ? answer.mac : to_valid_utf8(value, max_value_bytes);
        o.mac = answer.mac;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace camaudit::parse
