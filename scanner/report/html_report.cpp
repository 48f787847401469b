// The `html` format: one self-contained page an officer opens offline — counts, a chart, a
// sortable and filterable device table, evidence, findings, scope and contractor evidence.
// Every value that came from a device or the command line goes through html_escape().
#include <report/html_page.hpp>
#include <report/html_provenance.hpp>
#include <report/printable.hpp>
#include <report/report_writer.hpp>
#include <report/time_text.hpp>

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace camaudit::report {
namespace {

using E = std::string;
E esc(std::string_view s) { return html_escape(s); }
E time_or_dash(TimePoint t) { return t == TimePoint{} ? "-" : iso_utc(t); }
E or_dash(std::string_view s) { return s.empty() ? "-" : esc(s); }
E status_span(std::string_view s) { return fmt::format("<span class=\"st status-{0}\">{0}</span>", esc(s)); }

struct RegulationCount { std::string title; std::map<std::string, std::uint64_t> by_status; };

std::map<std::string, RegulationCount> by_regulation(const Report& r) {
    std::map<std::string, RegulationCount> out;
    for (const auto& d : r.devices)
        for (const auto& f : d.compliance.findings) {
            auto& c = out[f.policy];
            c.title = f.title;
            ++c.by_status[f.status];
        }
    return out;
}

E card(std::string_view id, std::string_view label, std::uint64_t n) {
    return fmt::format("<div class=\"card\" id=\"count-{}\"><b>{}</b>{}</div>", id, n, label);
}

// A horizontal bar per status, scaled to the largest; drawn inline so nothing is fetched.
E status_chart(const Summary& s) {
    const std::pair<const char*, std::uint64_t> bars[] = {
        {"prohibited", s.prohibited}, {"review", s.review}, {"waived", s.waived}, {"unknown", s.unknown},
        {"allowed", s.devices - s.prohibited - s.review - s.waived - s.unknown}};
    const char* colours[] = {"#b00020", "#ffb300", "#42a5f5", "#9e9e9e", "#66bb6a"};
    std::uint64_t top = 1;
    for (const auto& [_, n] : bars) top = std::max(top, n);
    E svg = "<svg id=\"status-chart\" role=\"img\" aria-label=\"devices by status\" width=\"420\" height=\"130\" "
            "xmlns=\"http://www.w3.org/2000/svg\">";
    for (int i = 0; i < 5; ++i) {
        const auto w = 280 * bars[i].second / top;
        svg += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"80\" y=\"{}\" width=\"{}\" "
                           "height=\"18\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
                           i * 25 + 14, bars[i].first, i * 25, w, colours[i], 85 + w, i * 25 + 14, bars[i].second);
    }
    return svg + "</svg>";
}

E summary_section(const Report& r) {
    const auto s = summarize(r);
    E out = "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">" + card("devices", "devices", s.devices) +
            card("cameras", "cameras", s.cameras) + card("prohibited", "prohibited", s.prohibited) +
            card("review", "review", s.review) + card("waived", "waived", s.waived) +
            card("unknown", "unknown", s.unknown) + "</div>" + status_chart(s);
    out += "<h3>By vendor</h3><table id=\"by-vendor\"><tr><th>Vendor</th><th>Devices</th></tr>";
    for (const auto& [v, n] : s.by_vendor) out += fmt::format("<tr><td>{}</td><td>{}</td></tr>", esc(v), n);
    out += "</table><h3>By regulation</h3><table id=\"by-regulation\"><tr><th>Regulation</th><th>Title</th>"
           "<th>Prohibited</th><th>Review</th><th>Waived</th></tr>";
    for (auto& [id, c] : by_regulation(r))
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", esc(id), esc(c.title),
                           c.by_status["prohibited"], c.by_status["review"], c.by_status["waived"]);
    return out + "</table></section>";
}

E list_cell(const std::vector<std::string>& items) {
    E out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + esc(i);
    return out.empty() ? "-" : out;
}

E scope_section(const Report& r) {
    const auto& s = r.scan;
    E out = fmt::format("<section id=\"scope\"><h2>Scope and options</h2><table><tr><th>Scan</th><td>{}</td></tr>"
                        "<tr><th>Mode</th><td>{}</td></tr><tr><th>Started</th><td>{}</td></tr>"
                        "<tr><th>Finished</th><td>{}</td></tr><tr><th>Complete</th><td>{}</td></tr>"
                        "<tr><th>Targets</th><td>{}</td></tr><tr><th>Excluded</th><td>{}</td></tr>"
                        "<tr><th>Regulations</th><td>{}</td></tr><tr><th>Hosts probed / up</th><td>{} / {}</td></tr>",
                        esc(s.id), esc(s.mode), time_or_dash(s.started), time_or_dash(s.finished),
                        s.complete ? "yes" : "no (interrupted)", list_cell(s.targets), list_cell(s.excluded),
                        list_cell(s.policies), s.hosts_probed, s.hosts_up);
    for (const auto& [k, v] : s.options) out += fmt::format("<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(v));
    return out + "</table></section>";
}

E search_text(const Device& d) {
    E t = d.ip + " " + d.mac + " " + d.hostname + " " + d.vendor + " " + d.brand + " " + d.model + " " +
          d.firmware + " " + d.device_type + " " + std::string(to_string(d.compliance.status));
    for (const auto& f : d.compliance.findings) t += " " + f.policy;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return esc(t);
}

E device_row(const Device& d) {
    E regs;
    for (const auto& f : d.compliance.findings) regs += (regs.empty() ? "" : ", ") + esc(f.policy);
    return fmt::format("<tr class=\"device\" data-status=\"{}\" data-text=\"{}\"><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                       to_string(d.compliance.status), search_text(d), or_dash(d.ip), or_dash(d.mac), or_dash(d.vendor),
                       or_dash(d.brand), or_dash(d.model), or_dash(d.firmware), or_dash(d.device_type),
                       status_span(to_string(d.compliance.status)), regs.empty() ? "-" : regs);
}

E devices_section(const Report& r) {
    E out = "<section id=\"inventory\"><h2>Devices</h2><div class=\"controls\"><label>Filter <input id=\"filter\" "
            "type=\"search\" placeholder=\"address, vendor, model, regulation...\"></label> <label>Status <select "
            "id=\"status-filter\"><option value=\"\">all</option><option>prohibited</option><option>review</option>"
            "<option>waived</option><option>unknown</option><option>allowed</option></select></label> "
            "<span id=\"visible-count\"></span> shown</div><table id=\"devices\"><thead><tr>";
    for (const char* col : {"IP", "MAC", "Vendor", "Brand", "Model", "Firmware", "Type", "Status", "Regulations"})
        out += fmt::format("<th data-col=\"{0}\">{0}</th>", col);
    out += "</tr></thead><tbody>";
    for (const auto& d : r.devices) out += device_row(d);
    return out + "</tbody></table></section>";
}

E evidence_table(const Device& d) {
    if (d.evidence.empty()) return "<p>No evidence recorded.</p>";
    E out = "<table class=\"evidence\"><tr><th>Source</th><th>Port</th><th>Field</th><th>Value</th><th>Rule</th>"
            "<th>Claim</th><th>Asked</th></tr>";
    for (const auto& e : d.evidence)
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td>"
                           "<td>{}</td></tr>", esc(e.source), e.port, esc(e.field), esc(e.value), esc(e.rule),
                           esc(e.claim), or_dash(e.context));
    return out + "</table>";
}

E finding_block(const Finding& f) {
    return fmt::format("<div class=\"finding\"><p>{} <b>{}</b> — {} ({})</p><p>{}</p><p>Source: <code>{}</code></p></div>",
                       status_span(f.status), esc(f.policy), esc(f.title), esc(f.jurisdiction), esc(f.reason),
                       or_dash(f.source));
}

E details_section(const Report& r) {
    E out = "<section id=\"details\"><h2>Evidence and findings per device</h2>";
    for (const auto& d : r.devices) {
        out += fmt::format("<details class=\"device-detail\"><summary>{} {} {} {}</summary>", or_dash(d.ip),
                           status_span(to_string(d.compliance.status)), or_dash(d.vendor), esc(d.model));
        out += evidence_table(d);
        for (const auto& c : d.conflicts) out += "<p>Competing claim: " + esc(c) + "</p>";
        for (const auto& f : d.compliance.findings) out += finding_block(f);
        out += "</details>";
    }
    return out + "</section>";
}

// FAR 52.204-24/-26: the covered equipment an offeror must represent — what, where, since
// when, and the evidence — for every device a regulation flags (prohibited, review, waived).
E contractor_section(const Report& r) {
    E out = "<section id=\"contractor\"><h2>Contractor evidence (FAR 52.204-24 / 52.204-26)</h2><p>Equipment "
            "on which a selected regulation made a finding. Use it to prepare the representation of covered "
            "telecommunications equipment or video surveillance equipment; confirm each item before signing.</p>"
            "<table id=\"covered\"><tr><th>What</th><th>Where</th><th>Since</th><th>Status</th><th>Regulations</th>"
            "<th>Evidence</th></tr>";
    for (const auto& d : r.devices) {
        if (d.compliance.findings.empty()) continue;
        E what = or_dash(d.vendor) + (d.brand.empty() || d.brand == d.vendor ? "" : " (brand " + esc(d.brand) + ")") +
                 " " + esc(d.model) + " " + esc(d.device_type);
        E where = or_dash(d.ip) + (d.mac.empty() ? "" : " / " + esc(d.mac)) + (d.hostname.empty() ? "" : " / " + esc(d.hostname));
        E regs, evidence;
        for (const auto& f : d.compliance.findings) regs += (regs.empty() ? "" : ", ") + esc(f.policy) + " (" + esc(f.status) + ")";
        for (const auto& e : d.evidence) evidence += (evidence.empty() ? "" : "; ") + esc(e.claim) + " from " + esc(e.field);
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", what, where,
                           time_or_dash(d.first_seen), status_span(to_string(d.compliance.status)), regs,
                           evidence.empty() ? "-" : evidence);
    }
    return out + "</table></section>";
}

}  // namespace

// printable() first: a control or bidi override is shown as its escape, not obeyed by the browser.
std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : printable(text)) switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    return out;
}

std::string render_html(const Report& report) {
    return fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">"
                       "<meta name=\"viewport\" content=\"width=device-width\"><title>camaudit report {}</title>"
                       "<style>{}</style></head><body><h1>camaudit compliance report</h1>"
                       "<p>Scan <code>{}</code>, {} to {}, camaudit {}.</p><p id=\"profile\">{}</p>{}{}{}{}{}{}<script>{}</script></body></html>\n",
                       html_page::csp, esc(report.scan.id), html_page::style, esc(report.scan.id),
                       time_or_dash(report.scan.started), time_or_dash(report.scan.finished), esc(report.tool_version),
                       esc(profile_statement(report.scan)),
                       summary_section(report), devices_section(report), details_section(report),
                       contractor_section(report), scope_section(report), provenance_section(report), html_page::script);
}

}  // namespace camaudit::report
