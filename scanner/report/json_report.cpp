// camaudit.report/1: the JSON every other format is a view of, and the summary counts.
// Field names here are the schema (docs/report-schema.md); renaming one is a version bump.
#include <report/report_writer.hpp>
#include <report/time_text.hpp>

#include <camaudit/finding.hpp>

namespace camaudit::report {
namespace {

using nlohmann::json;

// An unset time (the epoch) is "not known", which is null rather than 1970.
json time_json(TimePoint t) {
    return t == TimePoint{} ? json(nullptr) : json(iso_utc(t));
}

json exclusions_json(const std::vector<ScopeSource>& entries) {
    json out = json::array();
    for (const auto& e : entries) out.push_back(json{{"target", e.target}, {"source", e.source}});
    return out;
}

json scan_json(const ScanInfo& s) {
    return json{{"id", s.id},
                {"mode", s.mode},
                {"started", time_json(s.started)},
                {"finished", time_json(s.finished)},
                {"complete", s.complete},
                {"targets", s.targets},
                {"targets_source", s.targets_source},
                {"excluded", s.excluded},
                {"exclusions", exclusions_json(s.exclusions)},
                {"policies", s.policies},
                {"policy_profile", s.policy_profile},
                {"policy_profile_title", s.policy_profile_title},
                {"shard", s.shard},
                {"hosts_probed", s.hosts_probed},
                {"hosts_up", s.hosts_up},
                {"capture_stats", json(s.capture_stats)},
                {"options", json(s.options)}};
}

json data_source_json(const DataSource& d) {
    json out{{"kind", d.kind}, {"path", d.path}, {"sha256", d.sha256}, {"files", d.files}};
    if (d.kind == "oui_registry") {
        out["entries"] = d.entries;
        out["date"] = d.date.empty() ? json(nullptr) : json(d.date);
        out["date_source"] = d.date_source.empty() ? json(nullptr) : json(d.date_source);
    }
    return out;
}

json provenance_json(const Report& r) {
    const Provenance& p = r.provenance;
    json data = json::array();
    for (const auto& d : p.data) data.push_back(data_source_json(d));
    const json config = p.config_path.empty() ? json(nullptr)
                                              : json{{"path", p.config_path},
                                                     {"absolute", p.config_absolute},
                                                     {"sha256", p.config_sha256}};
    return json{{"command_line", p.command_line},
                {"environment", json(p.environment)},
                {"config", config},
                {"host", p.host},
                {"source_addresses", p.source_addresses},
                {"interfaces", p.interfaces},
                {"build", json{{"version", r.tool_version}, {"git_commit", p.git_commit}}},
                {"data", std::move(data)}};
}

json summary_json(const Summary& s) {
    return json{{"devices", s.devices},       {"cameras", s.cameras}, {"prohibited", s.prohibited},
                {"review", s.review},         {"waived", s.waived},   {"unknown", s.unknown},
                {"advisory", s.advisory},     {"by_vendor", json(s.by_vendor)}};
}

json evidence_json(const Evidence& e) {
    return json{{"source", e.source}, {"port", e.port},   {"field", e.field},
                {"value", e.value},   {"rule", e.rule},   {"claim", e.claim},
                {"weight", e.weight}, {"context", e.context}};
}

json compliance_json(const Compliance& c) {
    json findings = json::array();
    for (const auto& f : c.findings)
        findings.push_back(json{{"policy", f.policy}, {"jurisdiction", f.jurisdiction},
                                {"title", f.title},   {"reason", f.reason},
                                {"source", f.source}, {"status", f.status}});
    return json{{"status", to_string(c.status)}, {"findings", std::move(findings)}};
}

json shared_identity_json(const Device& d) {
    json out = json::array();
    for (const auto& s : d.shared_identity) out.push_back(json{{"key", s.key}, {"value", s.value}, {"others", s.others}});
    return out;
}

json device_json(const Device& d) {
    json ports = json::array();
    for (const auto& p : d.open_ports)
        ports.push_back(json{{"port", p.port}, {"proto", p.proto}, {"service", p.service}});
    json evidence = json::array();
    for (const auto& e : d.evidence) evidence.push_back(evidence_json(e));
    return json{{"ip", d.ip},
                {"mac", d.mac},
                {"mac_on_wire", d.mac_on_wire},
                {"hostname", d.hostname},
                {"discovery", d.discovery},
                {"vendor", d.vendor},
                {"brand", d.brand},
                {"model", d.model},
                {"firmware", d.firmware},
                {"serial", d.serial},
                {"device_type", d.device_type},
                {"relabel", d.relabel},
                {"confidence", d.confidence},
                {"open_ports", std::move(ports)},
                {"evidence", std::move(evidence)},
                {"conflicts", d.conflicts},
                {"shared_identity", shared_identity_json(d)},
                {"compliance", compliance_json(d.compliance)},
                {"first_seen", time_json(d.first_seen)},
                {"last_seen", time_json(d.last_seen)}};
}

}  // namespace

Summary summarize(const Report& report) {
    Summary s;
    for (const auto& d : report.devices) {
        ++s.devices;
        if (is_camera_type(d.device_type)) ++s.cameras;
        if (!d.vendor.empty()) ++s.by_vendor[d.vendor];
        switch (d.compliance.status) {
            case ComplianceStatus::prohibited: ++s.prohibited; break;
            case ComplianceStatus::review: ++s.review; break;
            case ComplianceStatus::waived: ++s.waived; break;
            case ComplianceStatus::unknown: ++s.unknown; break;
            case ComplianceStatus::advisory: ++s.advisory; break;
            case ComplianceStatus::allowed: break;
        }
    }
    return s;
}

nlohmann::json to_json(const Report& report) {
    json devices = json::array();
    for (const auto& d : report.devices) devices.push_back(device_json(d));
    json errors = json::array();
    for (const auto& e : report.errors)
        errors.push_back(json{{"target", e.target}, {"probe", e.probe}, {"message", e.message}});
    json out{{"schema", report_schema},
             {"tool", json{{"name", "camaudit"}, {"version", report.tool_version}}},
             {"scan", scan_json(report.scan)},
             {"summary", summary_json(summarize(report))},
             {"devices", std::move(devices)},
             {"errors", std::move(errors)}};
    // A report made by a run always has one; one built in a test or tool may not.
    if (!report.provenance.command_line.empty()) out["provenance"] = provenance_json(report);
    return out;
}

}  // namespace camaudit::report
