// The report format registry: one line per format, looked up by its --format word.
#include <report/report_writer.hpp>
#include <report/text_report.hpp>

#include <camaudit/error.hpp>

namespace camaudit::report {
namespace {

std::string render_json(const Report& report) {
    // Invalid UTF-8 from a device becomes U+FFFD instead of aborting the whole report.
    return to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

const std::vector<Format>& formats() {
    static const std::vector<Format> registry = {
        {"json", "camaudit.report/1, the complete machine-readable report", render_json},
        {"text", "a readable full listing: every device, its ports, evidence and findings", render_text},
        {"ndjson", "one ECS-named JSON event per device and per finding, for a SIEM", render_ndjson},
        {"csv", "one row per device for a spreadsheet (RFC 4180, formulas defused)", render_csv},
        {"html", "one self-contained page for an officer: counts, chart, table, evidence", render_html},
    };
    return registry;
}

const Format& find_format(std::string_view name) {
    for (const auto& f : formats())
        if (f.name == name) return f;
    std::string known;
    for (const auto& f : formats()) known += (known.empty() ? "" : ", ") + std::string(f.name);
    throw UsageError("unknown report format '" + std::string(name) + "'; known formats: " + known);
}

}  // namespace camaudit::report
