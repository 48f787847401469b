// The human views of a report: the few stderr lines after a run, and the full `text` listing.
// Plain text, no colour; every value that came from a device is passed through printable().
#include <report/report_writer.hpp>
#include <report/text_report.hpp>
#include <report/time_text.hpp>

#include <fmt/format.h>
#include <map>

namespace camaudit::report {
namespace {

std::string or_dash(std::string_view text) { return text.empty() ? "-" : printable(text); }

std::string time_or_dash(TimePoint t) { return t == TimePoint{} ? "-" : iso_utc(t); }

std::string joined(const std::vector<std::string>& items) {
    if (items.empty()) return "-";
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + printable(item);
    return out;
}

std::string vendor_counts(const Summary& s) {
    std::string out;
    for (const auto& [vendor, count] : s.by_vendor)
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", printable(vendor), count);
    return out.empty() ? "none identified" : out;
}

// One flagged device: who it is, its status and the regulations behind that status.
std::string flagged_line(const Device& d) {
    std::string who = or_dash(d.vendor);
    if (!d.model.empty()) who += " " + printable(d.model);
    if (!d.brand.empty() && d.brand != d.vendor) who += " (brand " + printable(d.brand) + (d.relabel ? ", relabel)" : ")");
    std::string decisive;
    for (const auto& f : d.compliance.findings)
        if (f.status == to_string(d.compliance.status)) decisive += (decisive.empty() ? "" : ", ") + printable(f.policy);
    return fmt::format("  {:<15} {:<10} {}  [{}]\n", or_dash(d.ip), to_string(d.compliance.status), who,
                       decisive.empty() ? "-" : decisive);
}

// Per regulation: how many devices it makes prohibited and how many it sends to review.
std::string regulation_counts(const Report& report) {
    struct Count { std::string title; std::uint64_t prohibited = 0, review = 0; };
    std::map<std::string, Count> counts;
    for (const auto& d : report.devices)
        for (const auto& f : d.compliance.findings) {
            auto& c = counts[f.policy];
            c.title = f.jurisdiction + ": " + f.title;
            (f.status == "prohibited" ? c.prohibited : c.review) += 1;
        }
    std::string out;
    for (const auto& [id, c] : counts)
        out += fmt::format("  {:<32} {:>4} prohibited {:>4} review   {}\n", printable(id), c.prohibited, c.review,
                           printable(c.title.substr(0, 90)));
    return out;
}

// How the report was made, in a few lines (the JSON report has the whole block).
std::string provenance_lines(const Report& r) {
    const Provenance& p = r.provenance;
    if (p.command_line.empty()) return {};
    std::string out = fmt::format("made by: camaudit {} (commit {}) on {}, sent from {}\n", or_dash(r.tool_version),
                                  or_dash(p.git_commit), or_dash(p.host), joined(p.source_addresses));
    std::string command;
    for (const auto& word : p.command_line) command += (command.empty() ? "" : " ") + printable(word);
    out += "command: " + command + "\n";
    if (!p.config_path.empty())
        out += fmt::format("config: {} sha256 {}\n", printable(p.config_absolute), printable(p.config_sha256));
    for (const auto& d : p.data)
        out += fmt::format("data: {} {} sha256 {} ({} files{})\n", printable(d.kind), printable(d.path),
                           printable(d.sha256), d.files,
                           d.kind == "oui_registry" ? fmt::format(", {} entries, dated {}", d.entries, or_dash(d.date)) : "");
    return out;
}

// The engine's stop reason ("interrupted (SIGINT)", "time limit reached", "6 probe(s) not sent").
std::string why_incomplete(const ScanInfo& scan) {
    const auto stopped = scan.options.find("stopped");
    return stopped != scan.options.end() && !stopped->second.empty() ? stopped->second : "interrupted";
}

std::string scan_header(const Report& r, const Summary& s) {
    const auto& scan = r.scan;
    std::string out = fmt::format("camaudit report ({}), camaudit {}\n", report_schema, or_dash(r.tool_version));
    out += fmt::format("scan {}  mode {}  started {}  finished {}  complete {}\n", or_dash(scan.id),
                       or_dash(scan.mode), time_or_dash(scan.started), time_or_dash(scan.finished),
                       scan.complete ? "yes" : "no (" + why_incomplete(scan) + ")");
    if (const auto profile = profile_statement(scan); !profile.empty()) out += profile + "\n";
    out += fmt::format("targets: {}\nexcluded: {}\npolicies: {}\nshard: {}\n", joined(scan.targets),
                       joined(scan.excluded), scan.policies.empty() ? "all" : joined(scan.policies),
                       or_dash(scan.shard));
    out += fmt::format("hosts probed {}, hosts up {}\n", scan.hosts_probed, scan.hosts_up);
    out += provenance_lines(r);
    out += fmt::format("summary: {} devices, {} cameras, {} prohibited, {} review, {} waived, {} unknown\n",
                       s.devices, s.cameras, s.prohibited, s.review, s.waived, s.unknown);
    return out + "vendors: " + vendor_counts(s) + "\n";
}

std::string device_fields(const Device& d) {
    std::string out = fmt::format("\ndevice {}\n", or_dash(d.ip));
    out += fmt::format("  mac {}  hostname {}\n", or_dash(d.mac), or_dash(d.hostname));
    out += fmt::format("  vendor {}  brand {}{}  confidence {:.2f}\n", or_dash(d.vendor), or_dash(d.brand),
                       d.relabel ? " (OEM relabel)" : "", d.confidence);
    out += fmt::format("  model {}  firmware {}  serial {}  type {}\n", or_dash(d.model), or_dash(d.firmware),
                       or_dash(d.serial), or_dash(d.device_type));
    out += fmt::format("  first seen {}  last seen {}\n", time_or_dash(d.first_seen), time_or_dash(d.last_seen));
    std::string ports;
    for (const auto& p : d.open_ports)
        ports += fmt::format("{}{}/{} {}", ports.empty() ? "" : ", ", p.port, or_dash(p.proto), or_dash(p.service));
    return out + "  open ports: " + (ports.empty() ? "-" : ports) + "\n";
}

std::string device_details(const Device& d) {
    std::string out;
    out += "  evidence:" + std::string(d.evidence.empty() ? " -\n" : "\n");
    for (const auto& e : d.evidence)
        out += fmt::format("    {} port {} {} = \"{}\" -> {} (rule {}, weight {:.2f}){}\n", or_dash(e.source),
                           e.port, or_dash(e.field), printable(e.value), or_dash(e.claim), or_dash(e.rule),
                           e.weight, e.context.empty() ? "" : " [" + printable(e.context) + "]");
    if (!d.conflicts.empty()) out += "  conflicts: " + joined(d.conflicts) + "\n";
    for (const auto& shared : d.shared_identity)
        out += "  warning: " + printable(shared.key) + " " + printable(shared.value) + " is also named by " + joined(shared.others) + "\n";
    out += fmt::format("  status: {}\n", to_string(d.compliance.status));
    for (const auto& f : d.compliance.findings)
        out += fmt::format("    [{}] {} - {} - {}\n      {}\n      source: {}\n", printable(f.status),
                           printable(f.policy), printable(f.jurisdiction), printable(f.title),
                           printable(f.reason), or_dash(f.source));
    return out;
}

}  // namespace

std::string profile_statement(const ScanInfo& scan) {
    if (scan.policy_profile.empty()) return {};
    if (scan.policy_profile_title.empty())
        return "policy profile: " + printable(scan.policy_profile) +
               " (default, no --profile given: every rule but the opt-in ones, each finding's status from what the rule forbids)";
    return "policy profile: " + printable(scan.policy_profile) + " (" + printable(scan.policy_profile_title) + ")";
}

std::string terminal_summary(const Report& report) {
    const Summary s = summarize(report);
    const auto packets = report.scan.capture_stats.find("packets");
    const std::string seen = report.scan.mode == "passive" || report.scan.mode == "discover"
                                 ? fmt::format("{} {}", report.scan.mode == "passive" ? "listened to" : "heard",
                                               packets == report.scan.capture_stats.end()
                                                   ? std::string("the network")
                                                   : fmt::format("{} packets", packets->second))
                                 : fmt::format("scanned {} addresses, {} hosts up", report.scan.hosts_probed,
                                               report.scan.hosts_up);
    std::string out = fmt::format("camaudit: {}, {} devices ({} cameras){}\n", seen, s.devices, s.cameras,
                                  report.scan.complete ? "" : " - incomplete: " + why_incomplete(report.scan));
    if (const auto profile = profile_statement(report.scan); !profile.empty()) out += profile + "\n";
    out += "vendors: " + vendor_counts(s) + "\n";
    out += fmt::format("compliance: {} prohibited, {} review, {} waived, {} unknown\n", s.prohibited,
                       s.review, s.waived, s.unknown);
    if (const auto by_regulation = regulation_counts(report); !by_regulation.empty())
        out += "by regulation:\n" + by_regulation;
    if (s.prohibited + s.review > 0) out += "flagged devices:\n";
    for (auto wanted : {ComplianceStatus::prohibited, ComplianceStatus::review})
        for (const auto& d : report.devices)
            if (d.compliance.status == wanted) out += flagged_line(d);
    if (!report.errors.empty()) out += fmt::format("errors: {} (see the report)\n", report.errors.size());
    return out;
}

std::string render_text(const Report& report) {
    std::string out = scan_header(report, summarize(report));
    for (const auto& d : report.devices) out += device_fields(d) + device_details(d);
    if (!report.errors.empty()) {
        out += "\nerrors:\n";
        for (const auto& e : report.errors)
            out += fmt::format("  {} {}: {}\n", or_dash(e.target), or_dash(e.probe), printable(e.message));
    }
    return out;
}

}  // namespace camaudit::report
