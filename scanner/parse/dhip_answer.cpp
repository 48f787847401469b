// DHIP framing and the notifyDevInfo JSON, read with nlohmann::json (never a regex) after the
// header's lengths are checked against the datagram and the body cap.
#include <parse/dhip_answer.hpp>
#include <parse/sadp_answer.hpp>
#include <parse/text.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>

namespace camaudit::parse {
namespace {

// Which deviceInfo member becomes which observation key.
constexpr std::pair<std::string_view, std::string_view> field_keys[] = {
    {"DeviceType", "dhip.device_type"}, {"DeviceClass", "dhip.device_class"},
    {"SerialNo", "dhip.serial"},        {"Vendor", "dhip.vendor"},
    {"Manufacturer", "dhip.manufacturer"}, {"Version", "dhip.version"},
    {"MachineName", "dhip.machine_name"},
};

std::uint32_t read_le32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return value;
}

void write_le32(std::string& out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::optional<std::string> scalar_text(const nlohmann::json& value) {
    if (value.is_string()) return to_valid_utf8(value.get_ref<const std::string&>(), max_dhip_field_bytes);
    if (value.is_number_integer() || value.is_number_unsigned() || value.is_boolean()) return value.dump();
    return std::nullopt;
}

std::string_view body_of(std::string_view datagram) {
    if (datagram.size() < dhip_header_bytes || read_le32(datagram, 0) != dhip_header_bytes ||
        datagram.substr(4, 4) != "DHIP")
        return {};
    const std::uint32_t length = read_le32(datagram, 16);
    if (length > max_dhip_body_bytes || length > datagram.size() - dhip_header_bytes) return {};
    std::string_view body = datagram.substr(dhip_header_bytes, length);
    while (!body.empty() && (body.back() == '\0' || body.back() == '\n' || body.back() == '\r'))
        body.remove_suffix(1);
    return body;
}

}  // namespace

std::string_view DhipAnswer::field(std::string_view name) const {
    for (const auto& [key, value] : device_info)
        if (key == name) return value;
    return {};
}

std::string dhip_datagram(std::string_view body) {
    std::string out;
    const auto length = static_cast<std::uint32_t>(body.size());
    for (const std::uint32_t word : {std::uint32_t{32}, std::uint32_t{0x50494844}, std::uint32_t{0},
                                     std::uint32_t{0}, length, std::uint32_t{0}, length, std::uint32_t{0}})
        write_le32(out, word);
    out += body;
    return out;
}

std::string dhip_search_request() {
    return dhip_datagram(R"({"method":"DHDiscover.search","params":{"mac":"","uni":1}})" "\n");
}

std::optional<DhipAnswer> parse_dhip_answer(std::string_view datagram) {
    const std::string_view body = body_of(datagram);
    if (body.empty()) return std::nullopt;
    const auto doc = nlohmann::json::parse(body, nullptr, false);
    if (!doc.is_object() || doc.value("method", nlohmann::json()) != "client.notifyDevInfo") return std::nullopt;
    DhipAnswer answer;
    answer.method = "client.notifyDevInfo";
    if (const auto mac = doc.find("mac"); mac != doc.end() && mac->is_string())
        answer.mac = normalised_mac(mac->get_ref<const std::string&>());
    const auto params = doc.find("params");
    if (params == doc.end() || !params->is_object()) return answer;
    const auto info = params->find("deviceInfo");
    if (info == params->end() || !info->is_object()) return answer;
    for (const auto& [member, key] : field_keys) {
        const auto found = info->find(std::string(member));
        if (found == info->end()) continue;
        if (auto text = scalar_text(*found)) answer.device_info.emplace_back(std::string(member), std::move(*text));
    }
    return answer;
}

std::vector<Observation> dhip_observations(const DhipAnswer& answer, const Observation& base,
                                           std::size_t max_value_bytes) {
    std::vector<Observation> out;
    const auto emit = [&](std::string_view key, std::string_view value) {
        Observation o = base;
        o.key = std::string(key);
        o.value = to_valid_utf8(value, max_value_bytes);
        o.mac = answer.mac;
        out.push_back(std::move(o));
    };
    for (const auto& [member, key] : field_keys)
        if (const auto value = answer.field(member); !value.empty()) emit(key, value);
    if (!answer.mac.empty()) emit("dhip.mac", answer.mac);
    return out;
}

}  // namespace camaudit::parse
