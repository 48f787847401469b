// The report formats (views of camaudit::Report) and the atomic writer they share.
#pragma once
#include <camaudit/report.hpp>
#include <report/atomic_write.hpp>  // check_writable, write_atomically
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::report {

struct Summary {
    std::uint64_t devices = 0;
    std::uint64_t cameras = 0;
    std::uint64_t prohibited = 0;
    std::uint64_t review = 0;
    std::uint64_t waived = 0;
    std::uint64_t unknown = 0;
    std::uint64_t advisory = 0;
    std::map<std::string, std::uint64_t> by_vendor;
};
Summary summarize(const Report& report);

// "policy profile: ID (title)", or for the default what it applies: the line every
// human-readable report opens with. Empty when the report records no profile.
std::string profile_statement(const ScanInfo& scan);

nlohmann::json to_json(const Report& report);  // camaudit.report/1

// ndjson: one ECS-named event per device and per finding (docs/siem.md).
std::vector<nlohmann::json> ndjson_events(const Report& report);
std::string render_ndjson(const Report& report);

// csv: one row per device, RFC 4180; csv_cell quotes and defuses spreadsheet formulas.
std::string csv_cell(std::string_view value);
std::string render_csv(const Report& report);

// html: one self-contained offline page; html_escape is applied to every device value.
std::string html_escape(std::string_view text);
std::string render_html(const Report& report);

// One report format: its --format word and the function that renders it.
struct Format {
    std::string_view name;
    std::string_view summary;
    std::string (*render)(const Report& report);
};
const std::vector<Format>& formats();
const Format& find_format(std::string_view name);  // throws UsageError listing the known ones

// A few lines for a person at a terminal: devices, vendors, what is prohibited and why.
std::string terminal_summary(const Report& report);

}  // namespace camaudit::report
