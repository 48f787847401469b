// Two saved reports compared (report_diff.hpp), and the diff shown as text or camaudit.diff/1 JSON.
#include <report/report_diff.hpp>

#include <report/printable.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace camaudit::report {
namespace {

using nlohmann::json;

// Fields compared one by one, in the order an auditor reads them.
constexpr const char* compared_fields[] = {"ip", "mac", "vendor", "brand", "model", "firmware", "serial", "device_type"};

std::string text_of(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string status_of(const json& device) {
    const auto it = device.find("compliance");
    return it != device.end() && it->is_object() ? text_of(*it, "status") : std::string();
}

std::string ports_of(const json& device) {
    std::set<std::string> ports;
    for (const auto& p : device.value("open_ports", json::array()))
        if (p.is_object())
            ports.insert(fmt::format("{}/{}", p.value("port", 0), p.value("proto", std::string("tcp"))));
    return fmt::format("{}", fmt::join(ports, " "));
}

std::string label(const json& device) {
    const auto mac = text_of(device, "mac");
    return mac.empty() ? text_of(device, "ip") : fmt::format("{} ({})", text_of(device, "ip"), mac);
}

std::vector<json> devices_of(const json& report) {
    std::vector<json> out;
    const auto it = report.find("devices");
    if (it == report.end() || !it->is_array()) return out;
    for (const auto& d : *it)
        if (d.is_object()) out.push_back(d);
    return out;
}

bool complete(const json& report) {
    const auto scan = report.find("scan");
    return scan == report.end() || !scan->is_object() || scan->value("complete", true);
}

std::vector<FieldChange> compare(const json& before, const json& after) {
    std::vector<FieldChange> changes;
    for (const char* field : compared_fields)
        if (text_of(before, field) != text_of(after, field))
            changes.push_back({field, text_of(before, field), text_of(after, field)});
    if (ports_of(before) != ports_of(after)) changes.push_back({"open_ports", ports_of(before), ports_of(after)});
    if (status_of(before) != status_of(after))
        changes.push_back({"compliance.status", status_of(before), status_of(after)});
    return changes;
}

// Pairs each device of `after` with its `before` twin: by MAC first, then by IP.
std::vector<std::ptrdiff_t> pair_devices(const std::vector<json>& before, const std::vector<json>& after) {
    std::map<std::string, std::size_t> by_mac, by_ip;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (const auto mac = text_of(before[i], "mac"); !mac.empty()) by_mac.emplace(mac, i);
        by_ip.emplace(text_of(before[i], "ip"), i);
    }
    std::vector<std::ptrdiff_t> twin(after.size(), -1);
    std::set<std::size_t> taken;
    auto claim = [&](std::size_t a, const std::map<std::string, std::size_t>& index, const std::string& key) {
        const auto it = index.find(key);
        if (key.empty() || it == index.end() || taken.contains(it->second)) return;
        twin[a] = static_cast<std::ptrdiff_t>(it->second);
        taken.insert(it->second);
    };
    for (std::size_t a = 0; a < after.size(); ++a) claim(a, by_mac, text_of(after[a], "mac"));
    for (std::size_t a = 0; a < after.size(); ++a)
        if (twin[a] < 0) claim(a, by_ip, text_of(after[a], "ip"));
    return twin;
}

void note_violation(ReportDiff& diff, const std::string& before_status, const json& device) {
    const auto now = status_of(device);
    if (now == "prohibited" && before_status != "prohibited") diff.new_prohibited.push_back(label(device));
    if (now == "review" && before_status != "review" && before_status != "prohibited")
        diff.new_review.push_back(label(device));
}

}  // namespace

ReportDiff diff_reports(const json& before, const json& after) {
    ReportDiff diff;
    diff.before_complete = complete(before);
    diff.after_complete = complete(after);
    const auto old_devices = devices_of(before);
    const auto new_devices = devices_of(after);
    const auto twin = pair_devices(old_devices, new_devices);
    std::vector<bool> matched(old_devices.size(), false);
    for (std::size_t a = 0; a < new_devices.size(); ++a) {
        if (twin[a] < 0) {
            diff.added.push_back(new_devices[a]);
            note_violation(diff, "", new_devices[a]);
            continue;
        }
        const auto& old = old_devices[static_cast<std::size_t>(twin[a])];
        matched[static_cast<std::size_t>(twin[a])] = true;
        if (auto fields = compare(old, new_devices[a]); !fields.empty())
            diff.changed.push_back({label(new_devices[a]), std::move(fields)});
        note_violation(diff, status_of(old), new_devices[a]);
    }
    for (std::size_t b = 0; b < old_devices.size(); ++b)
        if (!matched[b]) diff.removed.push_back(old_devices[b]);
    return diff;
}

// Every value in the text came from a report, so from a device: each passes printable(), so
// none can start a line of its own (a forged "NEW VIOLATION: ...") or rewrite one with CR.
std::string diff_text(const ReportDiff& diff) {
    std::string out;
    auto shown = [](const std::string& value) { return value.empty() ? std::string("-") : printable(value); };
    auto line = [&](const json& d) {
        return fmt::format("  {:<32} {} {} {} [{}]\n", printable(label(d)), shown(text_of(d, "vendor")),
                           printable(text_of(d, "model")), printable(text_of(d, "firmware")), printable(status_of(d)));
    };
    out += fmt::format("{} new, {} gone, {} changed; {} newly prohibited, {} newly in review\n", diff.added.size(),
                       diff.removed.size(), diff.changed.size(), diff.new_prohibited.size(), diff.new_review.size());
    if (!diff.after_complete)
        out += "warning: the newer scan was incomplete, so a device it lacks may still be there\n";
    if (!diff.before_complete) out += "warning: the older scan was incomplete, so a 'new' device may not be new\n";
    if (!diff.added.empty()) out += "new:\n";
    for (const auto& d : diff.added) out += line(d);
    if (!diff.removed.empty()) out += diff.after_complete ? "gone:\n" : "not seen (incomplete scan):\n";
    for (const auto& d : diff.removed) out += line(d);
    if (!diff.changed.empty()) out += "changed:\n";
    for (const auto& change : diff.changed) {
        out += fmt::format("  {}\n", printable(change.device));
        for (const auto& f : change.fields)
            out += fmt::format("    {}: {} -> {}\n", f.field, shown(f.before), shown(f.after));
    }
    for (const auto& d : diff.new_prohibited) out += fmt::format("NEW VIOLATION: {} is prohibited\n", printable(d));
    return out;
}

json diff_json(const ReportDiff& diff) {
    json changed = json::array();
    for (const auto& change : diff.changed) {
        json fields = json::array();
        for (const auto& f : change.fields) fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
        changed.push_back({{"device", change.device}, {"fields", std::move(fields)}});
    }
    return {{"schema", "camaudit.diff/1"},       {"added", diff.added},
            {"removed", diff.removed},           {"changed", std::move(changed)},
            {"new_prohibited", diff.new_prohibited}, {"new_review", diff.new_review},
            {"before_complete", diff.before_complete}, {"after_complete", diff.after_complete}};
}

}  // namespace camaudit::report
