// Reads ProbeMatches element by element with namespace prefixes ignored (devices use env:,
// s:, SOAP-ENV: or none), so one parser serves every stack.
#include <parse/wsd_answer.hpp>
#include <parse/sadp_answer.hpp>
#include <parse/text.hpp>

#include <utility>

namespace camaudit::parse {
namespace {

// Depth and node count over the whole tree, iteratively (no recursion on hostile depth).
bool within_caps(const pugi::xml_document& doc) {
    std::vector<std::pair<pugi::xml_node, std::size_t>> stack{{doc, 0}};
    std::size_t nodes = 0;
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (++nodes > max_xml_nodes || depth > max_xml_depth) return false;
        for (auto child = node.first_child(); child; child = child.next_sibling())
            stack.emplace_back(child, depth + 1);
    }
    return true;
}

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
    for (auto child = parent.first_child(); child; child = child.next_sibling())
        if (child.type() == pugi::node_element && local_name(child) == name) return child;
    return {};
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size() && out.size() < max_wsd_list_items) {
        const auto begin = text.find_first_not_of(" \t\r\n", start);
        if (begin == std::string_view::npos) break;
        const auto end = std::min(text.find_first_of(" \t\r\n", begin), text.size());
        out.emplace_back(text.substr(begin, end - begin));
        start = end;
    }
    return out;
}

WsdMatch read_match(const pugi::xml_node& match) {
    WsdMatch out;
    out.endpoint = trim(child_named(child_named(match, "EndpointReference"), "Address").text().get());
    out.types = words(child_named(match, "Types").text().get());
    out.scopes = words(child_named(match, "Scopes").text().get());
    out.xaddrs = words(child_named(match, "XAddrs").text().get());
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool load_bounded_xml(pugi::xml_document& doc, std::string_view bytes) {
    if (bytes.size() > max_xml_datagram_bytes) return false;
    if (find_ignore_case(bytes, "<!DOCTYPE") != std::string_view::npos ||
        find_ignore_case(bytes, "<!ENTITY") != std::string_view::npos)
        return false;
    // parse_default without parse_doctype: pugixml never reads a DTD or expands an entity.
    const auto result = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
    return result && within_caps(doc);
}

std::string_view local_name(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    const auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::optional<WsdAnswer> parse_wsd_answer(std::string_view datagram) {
    pugi::xml_document doc;
    if (!load_bounded_xml(doc, datagram)) return std::nullopt;
    const auto envelope = doc.document_element();
    if (local_name(envelope) != "Envelope") return std::nullopt;
    const auto header = child_named(envelope, "Header");
    const auto matches = child_named(child_named(envelope, "Body"), "ProbeMatches");
    if (!matches) return std::nullopt;
    WsdAnswer answer;
    answer.action = trim(child_named(header, "Action").text().get());
    answer.message_id = trim(child_named(header, "MessageID").text().get());
    answer.relates_to = trim(child_named(header, "RelatesTo").text().get());
    for (auto match = matches.first_child(); match && answer.matches.size() < max_wsd_matches;
         match = match.next_sibling())
        if (match.type() == pugi::node_element && local_name(match) == "ProbeMatch")
            answer.matches.push_back(read_match(match));
    return answer;
}

std::optional<WsdAnswer> parse_wsd_message(std::string_view datagram) {
    if (auto answer = parse_wsd_answer(datagram)) return answer;
    pugi::xml_document doc;
    if (!load_bounded_xml(doc, datagram)) return std::nullopt;
    const auto envelope = doc.document_element();
    if (local_name(envelope) != "Envelope") return std::nullopt;
    const auto body = child_named(envelope, "Body");
    auto announcement = child_named(body, "Hello");
    if (!announcement) announcement = child_named(body, "Bye");
    if (!announcement) return std::nullopt;
    const auto header = child_named(envelope, "Header");
    WsdAnswer answer;
    answer.action = trim(child_named(header, "Action").text().get());
    answer.message_id = trim(child_named(header, "MessageID").text().get());
    answer.matches.push_back(read_match(announcement));
    return answer;
}

std::string percent_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<Observation> wsd_observations(const WsdAnswer& answer, const Observation& base,
                                          std::size_t max_value_bytes) {
    std::vector<Observation> out;
    std::string mac;
    for (const auto& match : answer.matches)
        for (const auto& scope : match.scopes)
            if (find_ignore_case(scope, "onvif://www.onvif.org/MAC/") == 0 && mac.empty())
                mac = normalised_mac(std::string_view(scope).substr(26));
    const auto emit = [&](std::string_view key, std::string_view value) {
        Observation o = base;
        o.key = std::string(key);
        o.value = to_valid_utf8(value, max_value_bytes);
        if (o.mac.empty()) o.mac = mac;
        out.push_back(std::move(o));
    };
    for (const auto& match : answer.matches) {
        if (!match.endpoint.empty()) emit("wsd.endpoint_reference", match.endpoint);
        if (!match.types.empty()) emit("wsd.types", joined(match.types));
        for (const auto& scope : match.scopes) emit("wsd.scope", percent_decoded(scope));
        for (const auto& xaddr : match.xaddrs) emit("wsd.xaddr", xaddr);
    }
    return out;
}

}  // namespace camaudit::parse
