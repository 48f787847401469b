// A SOAP 1.2 envelope read from untrusted bytes: the first element of its Body as a small,
// bounded tree of local names and texts, or its Fault. Pure, no I/O; pugixml, no entities.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::parse {

// Caps: what a device may make us parse and keep.
inline constexpr std::size_t max_soap_bytes = 256 * 1024;
inline constexpr std::size_t max_soap_depth = 24;        // element nesting below the Body
inline constexpr std::size_t max_soap_elements = 4096;   // elements kept from the Body
inline constexpr std::size_t max_soap_text_bytes = 4096; // text kept per element

// One element: its local name (prefix dropped), its own trimmed text, its children.
struct SoapElement {
    std::string name;
    std::string text;
    std::vector<SoapElement> children;

    // The first child with this local name, or nullptr.
    const SoapElement* child(std::string_view local_name) const;
    // The first descendant (depth first) with this local name, or nullptr.
    const SoapElement* find(std::string_view local_name) const;
};

struct SoapFault {
    std::string code;     // env:Code/env:Value, e.g. "env:Sender"
    std::string subcode;  // env:Code/env:Subcode/env:Value, e.g. "ter:NotAuthorized"
    std::string reason;   // the first env:Reason/env:Text
};

enum class SoapStatus {
    ok,              // a Body with a payload element
    fault,           // a Body holding a Fault
    wrong_protocol,  // not XML, or XML that is not a SOAP envelope (HTML, an empty body)
    malformed,       // looks like SOAP but breaks a rule: a DOCTYPE, too big, too deep, bad XML
};

struct SoapEnvelope {
    SoapStatus status = SoapStatus::wrong_protocol;
    SoapElement payload;  // the Body's first element when status is ok
    SoapFault fault;      // when status is fault
};

// Never throws on any input; a DOCTYPE (and so any entity declaration) is refused unparsed.
SoapEnvelope parse_soap_envelope(std::string_view bytes);

}  // namespace camaudit::parse
