// The `ndjson` format: one JSON event per line, one per device and one per finding, named
// after the Elastic Common Schema where ECS has a field; the rest lives under camaudit.*.
#include <report/report_writer.hpp>
#include <report/time_text.hpp>

#include <algorithm>
#include <cctype>

namespace camaudit::report {
namespace {

using nlohmann::json;

// ECS host.mac is upper case with dashes: 44-47-CC-01-02-03.
std::string ecs_mac(std::string mac) {
    for (auto& c : mac) c = c == ':' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return mac;
}

json event_time(const Report& r, const Device& d) {
    const TimePoint t = d.last_seen != TimePoint{} ? d.last_seen : r.scan.finished != TimePoint{} ? r.scan.finished : r.scan.started;
    return iso_utc(t);
}

json host_json(const Device& d) {
    json host = json::object();
    if (!d.ip.empty()) host["ip"] = json::array({d.ip});
    if (!d.mac.empty()) host["mac"] = json::array({ecs_mac(d.mac)});
    if (!d.hostname.empty()) host["hostname"] = d.hostname;
    return host;
}

json device_ecs(const Device& d) {
    json device = json::object();
    if (!d.vendor.empty()) device["manufacturer"] = d.vendor;
    json model = json::object();
    if (!d.model.empty()) model["identifier"] = d.model;
    if (!d.brand.empty() || !d.model.empty()) model["name"] = d.brand.empty() ? d.model : d.brand + " " + d.model;
    if (!model.empty()) device["model"] = std::move(model);
    return device;
}

json common(const Report& r, const Device& d, std::string_view action) {
    json e{{"@timestamp", event_time(r, d)},
           {"observer", json{{"vendor", "camaudit"}, {"product", "camaudit"}, {"version", r.tool_version}}},
           {"host", host_json(d)}};
    const auto dev = device_ecs(d);
    if (!dev.empty()) e["device"] = dev;
    e["event"] = json{{"kind", "event"}, {"module", "camaudit"}, {"dataset", "camaudit." + std::string(action)},
                      {"action", action}};
    return e;
}

json device_event(const Report& r, const Device& d) {
    json e = common(r, d, "device-inventoried");
    e["event"]["category"] = json::array({"host"});
    e["event"]["type"] = json::array({"info"});
    e["event"]["outcome"] = "success";
    json ports = json::array();
    for (const auto& p : d.open_ports) ports.push_back(std::to_string(p.port) + "/" + p.proto);
    e["camaudit"] = json{{"scan_id", r.scan.id},         {"brand", d.brand},
                         {"firmware", d.firmware},       {"serial", d.serial},
                         {"device_type", d.device_type}, {"relabel", d.relabel},
                         {"confidence", d.confidence},   {"status", to_string(d.compliance.status)},
                         {"open_ports", std::move(ports)}, {"evidence_count", d.evidence.size()}};
    return e;
}

json finding_event(const Report& r, const Device& d, const Finding& f) {
    json e = common(r, d, "compliance-finding");
    // A prohibited or review finding is something to act on: ECS kind "alert".
    const bool act = f.status == "prohibited" || f.status == "review";
    e["event"]["kind"] = act ? "alert" : "event";
    e["event"]["category"] = json::array({"configuration"});
    e["event"]["type"] = json::array({"info"});
    e["event"]["outcome"] = f.status == "prohibited" ? "failure" : f.status == "waived" ? "success" : "unknown";
    e["rule"] = json{{"id", f.policy}, {"name", f.title}, {"reference", f.source}, {"ruleset", "camaudit-regulations"}};
    e["message"] = f.reason;
    e["camaudit"] = json{{"scan_id", r.scan.id},     {"status", f.status},
                         {"jurisdiction", f.jurisdiction}, {"device_status", to_string(d.compliance.status)}};
    return e;
}

// The run's own record, first in the file: which scanner (ECS observer.hostname, observer.ip),
// and under camaudit.provenance the block of the JSON report. Its dataset differs from the
// device and finding events', so a SIEM rule over those never sees it.
json provenance_event(const Report& r) {
    const json block = to_json(r)["provenance"];
    json observer{{"vendor", "camaudit"}, {"product", "camaudit"}, {"version", r.tool_version},
                  {"hostname", r.provenance.host}};
    if (!r.provenance.source_addresses.empty()) observer["ip"] = r.provenance.source_addresses;
    return json{{"@timestamp", iso_utc(r.scan.started)},
                {"observer", std::move(observer)},
                {"event", json{{"kind", "event"}, {"module", "camaudit"}, {"dataset", "camaudit.scan-provenance"},
                               {"action", "scan-provenance"}, {"category", json::array({"configuration"})},
                               {"type", json::array({"info"})}}},
                {"camaudit", json{{"scan_id", r.scan.id}, {"provenance", block}}}};
}

std::string line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

}  // namespace

std::vector<nlohmann::json> ndjson_events(const Report& report) {
    std::vector<json> events;
    for (const auto& d : report.devices) {
        events.push_back(device_event(report, d));
        for (const auto& f : d.compliance.findings) events.push_back(finding_event(report, d, f));
    }
    return events;
}

std::string render_ndjson(const Report& report) {
    std::string out = report.provenance.command_line.empty() ? std::string() : line(provenance_event(report));
    for (const auto& e : ndjson_events(report)) out += line(e);
    return out;
}

}  // namespace camaudit::report
