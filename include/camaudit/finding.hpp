// What a regulation says about one device: a status and the findings behind it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace camaudit {

// prohibited: a covered vendor, identified with confidence.
// review:     a covered vendor on weak or conflicting evidence, or a suspected relabel.
// waived:     prohibited, but under a waiver that has not expired.
// allowed:    identified, and no selected regulation covers its vendor.
// unknown:    a camera (or likely camera) whose maker is not known.
enum class ComplianceStatus { allowed, unknown, review, waived, prohibited };

std::string_view to_string(ComplianceStatus status);

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
