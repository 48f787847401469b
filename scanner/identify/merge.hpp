// Turning one host's signature matches into Device fields: scoring of competing claims,
// confidence, relabels, device type and the evidence behind each (docs/identification.md).
#pragma once
#include <camaudit/device.hpp>
#include <camaudit/observation.hpp>
#include <identify/knowledge.hpp>

#include <string>
#include <vector>

namespace camaudit::identify {

// One thing a rule says about a host because of one observation.
struct Claim {
    std::string field;  // vendor, brand, device_type, model, firmware, serial
    std::string value;
    double weight = 0;
    const Observation* observation = nullptr;
    const Signature* rule = nullptr;
    std::string excerpt;  // the part of the observed value the rule matched (<= 256 bytes)
    std::string rule_id;  // when set, names the evidence instead of rule->id ("oui:44:47:CC")
    std::string note;     // when set, the evidence context instead of the observation's
};

// The rule id evidence and conflicts show for a claim.
const std::string& rule_id_of(const Claim& claim);

// A signal at or below this weight is "weak" (a generic server, a port number): alone it
// never lifts a vendor above weak_cap.
inline constexpr double weak_weight = 0.35;
inline constexpr double weak_cap = 0.5;
inline constexpr std::size_t max_excerpt_bytes = 256;

// Every claim the signatures (installed, then site folders) make about one observation.
std::vector<Claim> claims_of(const Observation& observation, const Knowledge& knowledge);

// The vendor claim the MAC of `observation` makes through the IEEE registry: none for an
// empty, unknown, locally administered or multicast MAC or an organisation no vendor owns.
// Field "mac", rule "oui:<PREFIX>", weight by the vendor's kind (oui_overrides.json).
// All OUI claims of a host count as one source, whichever probes saw the MAC.
std::vector<Claim> oui_claims_of(const Observation& observation, const Knowledge& knowledge);

// Whether the observation's MAC is what the link showed (an ARP reply or announcement, the
// kernel's neighbour table) rather than a MAC written in a device's own answer.
bool mac_from_wire(const Observation& observation);

// Whether the observation is a UDP answer of a protocol with no request id (DHIP, SSDP; heard
// actively or passively): it speaks for whatever address it carries, which anyone can forge.
bool spoofable_answer(const Observation& observation);

// Fills vendor, brand, relabel, model, firmware, serial, device_type, confidence, evidence
// and conflicts of `device` from the claims of its observations.
void merge_claims(Device& device, const std::vector<Claim>& claims, const Knowledge& knowledge);

}  // namespace camaudit::identify
