// The `csv` format: one row per device for a spreadsheet, quoted per RFC 4180 for comma and
// semicolon locales, every cell that a spreadsheet would run as a formula defused by a leading '.
#include <report/printable.hpp>
#include <report/report_writer.hpp>
#include <report/time_text.hpp>

#include <fmt/format.h>

namespace camaudit::report {
namespace {

std::string time_cell(TimePoint t) { return t == TimePoint{} ? std::string() : iso_utc(t); }

std::string ports_cell(const Device& d) {
    std::string out;
    for (const auto& p : d.open_ports) out += fmt::format("{}{}/{}", out.empty() ? "" : " ", p.port, p.proto);
    return out;
}

std::string policies_cell(const Device& d) {
    std::string out;
    for (const auto& f : d.compliance.findings) out += (out.empty() ? "" : " ") + f.policy + ":" + f.status;
    return out;
}

std::string row(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    return out + "\r\n";
}

// The bytes of the blanks a spreadsheet may skip before it reads "=": space, NBSP, the
// Unicode spaces U+1680, U+2000-U+200B, U+202F, U+205F, U+3000 and U+FEFF.
std::size_t leading_blanks(std::string_view text) {
    static constexpr std::string_view blanks[] = {
        " ", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
        "\u2007", "\u2008", "\u2009", "\u200a", "\u200b", "\u202f", "\u205f", "\u3000", "\ufeff"};
    std::size_t at = 0;
    for (bool more = true; more;) {
        more = false;
        for (auto blank : blanks)
            if (text.substr(at).starts_with(blank)) at += blank.size(), more = true;
    }
    return at;
}

// A formula leader (OWASP: = + - @; the full-width forms too) after any blanks.
bool starts_a_formula(std::string_view text) {
    static constexpr std::string_view leaders[] = {"=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"};
    const auto rest = text.substr(leading_blanks(text));
    for (auto leader : leaders)
        if (rest.starts_with(leader)) return true;
    return false;
}

// Where ';' separates (many European locales), a field starts after every ';' of a cell; an
// opening quote there does not hide what follows, so a leader behind it is defused too.
void defuse_after_semicolons(std::string& text) {
    for (auto at = text.find(';'); at != std::string::npos; at = text.find(';', at + 1)) {
        const auto quotes = text.find_first_not_of('"', at + 1);
        if (quotes != std::string::npos && starts_a_formula(std::string_view(text).substr(quotes)))
            text.insert(at + 1, 1, '\'');
    }
}

}  // namespace

std::string csv_cell(std::string_view value) {
    // printable() first: no raw control in any cell (a raw LF would forge a row for line-based
    // tools, a leading TAB or CR is an OWASP formula leader), so only the escapes remain.
    std::string text = printable(value);
    if (starts_a_formula(text)) text.insert(text.begin(), '\'');
    defuse_after_semicolons(text);
    if (text.find_first_of(",;\"") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string render_csv(const Report& report) {
    std::string out = row({"ip", "mac", "hostname", "vendor", "brand", "model", "firmware", "serial", "device_type",
                           "relabel", "confidence", "status", "findings", "open_ports", "first_seen", "last_seen"});
    for (const auto& d : report.devices)
        out += row({d.ip, d.mac, d.hostname, d.vendor, d.brand, d.model, d.firmware, d.serial, d.device_type,
                    d.relabel ? "yes" : "no", fmt::format("{:.2f}", d.confidence),
                    std::string(to_string(d.compliance.status)), policies_cell(d), ports_cell(d),
                    time_cell(d.first_seen), time_cell(d.last_seen)});
    return out;
}

}  // namespace camaudit::report
