// Two saved reports compared: devices that appeared, went, or changed (maker, model, firmware,
// ports, compliance), and the violations that are new. What a scheduled audit alerts on.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace camaudit::report {

struct FieldChange {
    std::string field;  // "vendor", "firmware", "compliance.status", "open_ports", ...
    std::string before;
    std::string after;
};

struct DeviceChange {
    std::string device;  // "ip (mac)" of the newer report
    std::vector<FieldChange> fields;
};

// A device is the same one in both reports when its MAC matches, else when its IP does.
struct ReportDiff {
    std::vector<nlohmann::json> added;    // devices of `after` only
    std::vector<nlohmann::json> removed;  // devices of `before` only
    std::vector<DeviceChange> changed;
    // Devices now prohibited (or review) that were not before: new or worsened. "ip (mac)".
    std::vector<std::string> new_prohibited;
    std::vector<std::string> new_review;
    bool before_complete = true;  // an incomplete scan's missing devices may not be gone
    bool after_complete = true;
};

// Both arguments are camaudit.report/1 documents (their `devices` arrays are read).
ReportDiff diff_reports(const nlohmann::json& before, const nlohmann::json& after);

std::string diff_text(const ReportDiff& diff);
nlohmann::json diff_json(const ReportDiff& diff);

}  // namespace camaudit::report
