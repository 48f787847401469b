// Reads a SOAP envelope with pugixml under caps: DOCTYPE refused before parsing (so no entity
// is ever declared or expanded), size and depth bounded, the Body copied into plain values.
#include <parse/soap_envelope.hpp>
#include <parse/text.hpp>

#include <pugixml.hpp>

namespace camaudit::parse {
namespace {

std::string_view local_name(std::string_view qualified) {
    const auto colon = qualified.find(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// Own text (pcdata and CDATA children), trimmed, valid UTF-8, capped.
std::string own_text(const pugi::xml_node& node) {
    std::string text;
    for (const auto& child : node.children()) {
        if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
        text += child.value();
        if (text.size() > max_soap_text_bytes) break;
    }
    return to_valid_utf8(trim(text), max_soap_text_bytes);
}

// Copies `node` into `out`; false when the depth or element cap is crossed.
bool copy_element(const pugi::xml_node& node, SoapElement& out, std::size_t depth, std::size_t& count) {
    if (depth > max_soap_depth || ++count > max_soap_elements) return false;
    out.name = to_valid_utf8(local_name(node.name()), max_soap_text_bytes);
    out.text = own_text(node);
    for (const auto& child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        out.children.emplace_back();
        if (!copy_element(child, out.children.back(), depth + 1, count)) return false;
    }
    return true;
}

pugi::xml_node first_element(const pugi::xml_node& parent, std::string_view local) {
    for (const auto& child : parent.children())
        if (child.type() == pugi::node_element && local_name(child.name()) == local) return child;
    return {};
}

pugi::xml_node first_element(const pugi::xml_node& parent) {
    for (const auto& child : parent.children())
        if (child.type() == pugi::node_element) return child;
    return {};
}

SoapFault read_fault(const pugi::xml_node& fault) {
    SoapFault out;
    const auto code = first_element(fault, "Code");
    out.code = own_text(first_element(code, "Value"));
    out.subcode = own_text(first_element(first_element(code, "Subcode"), "Value"));
    out.reason = own_text(first_element(first_element(fault, "Reason"), "Text"));
    if (out.code.empty()) out.code = own_text(first_element(fault, "faultcode"));  // SOAP 1.1
    if (out.reason.empty()) out.reason = own_text(first_element(fault, "faultstring"));
    return out;
}

bool looks_like_xml(std::string_view bytes) {
    const auto text = trim(bytes.substr(0, 256));
    return !text.empty() && text.front() == '<';
}

}  // namespace

const SoapElement* SoapElement::child(std::string_view local) const {
    for (const auto& c : children)
        if (c.name == local) return &c;
    return nullptr;
}

const SoapElement* SoapElement::find(std::string_view local) const {
    for (const auto& c : children) {
        if (c.name == local) return &c;
        if (const auto* found = c.find(local)) return found;
    }
    return nullptr;
}

SoapEnvelope parse_soap_envelope(std::string_view bytes) {
    SoapEnvelope out;
    if (!looks_like_xml(bytes)) return out;  // wrong_protocol
    out.status = SoapStatus::malformed;
    if (bytes.size() > max_soap_bytes || find_ignore_case(bytes, "<!DOCTYPE") != std::string_view::npos ||
        find_ignore_case(bytes, "<!ENTITY") != std::string_view::npos)
        return out;
    pugi::xml_document document;
    // parse_default has no parse_doctype: a DOCTYPE could not declare entities anyway, and is
    // refused above; only the five predefined entities and character references are read.
    const auto parsed = document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
    const auto envelope = first_element(document);
    if (!parsed || !envelope) return out;
    if (local_name(envelope.name()) != "Envelope") {
        out.status = SoapStatus::wrong_protocol;  // XML, but not SOAP (XHTML, a config file)
        return out;
    }
    const auto payload = first_element(first_element(envelope, "Body"));
    if (!payload) return out;
    if (local_name(payload.name()) == "Fault") {
        out.fault = read_fault(payload);
        out.status = SoapStatus::fault;
        return out;
    }
    std::size_t count = 0;
    if (!copy_element(payload, out.payload, 0, count)) {
        out.payload = {};
        return out;
    }
    out.status = SoapStatus::ok;
    return out;
}

}  // namespace camaudit::parse
