// The `csv` format: one row per device for a spreadsheet, quoted per RFC 4180, with every
// cell that a spreadsheet would run as a formula (= + - @, tab, CR) defused by a leading '.
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

}  // namespace

std::string csv_cell(std::string_view value) {
    std::string text(value);
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        text.insert(text.begin(), '\'');
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
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
