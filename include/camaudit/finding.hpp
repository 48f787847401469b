// What a regulation says about one device: a status and the findings behind it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit {

// prohibited: a covered vendor, identified with confidence.
// review:     a covered vendor on weak or conflicting evidence, or a suspected relabel.
// advisory:   a covered vendor under a rule that does not bar using it (new authorisations,
//             procurement, export): worth knowing, not a violation of the rules applied.
// waived:     prohibited, but under a waiver that has not expired.
// allowed:    identified, and no selected regulation covers its vendor.
// unknown:    a camera (or likely camera) whose maker is not known.
// Ordered by how far the exit-code ladder reaches them (--fail-on), and by severity after it.
enum class ComplianceStatus { allowed, advisory, unknown, review, waived, prohibited };

std::string_view to_string(ComplianceStatus status);
// The status a word names; nullopt for a word that names none.
std::optional<ComplianceStatus> compliance_status_named(std::string_view word);

struct Finding {
    std::string policy;        // regulation id, e.g. "us-ndaa-889"
    std::string jurisdiction;  // "United States (federal)"
    std::string title;         // instrument, quotable
    std::string reason;        // why it applies to this device, quotable by an auditor
    std::string source;        // address of the primary or best source
    std::string status;        // what this finding alone would make the device
};

struct Compliance {
    ComplianceStatus status = ComplianceStatus::allowed;
    std::vector<Finding> findings;
};

}  // namespace camaudit
