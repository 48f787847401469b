// The report files a run writes (--out with --format, plus --html/--csv/--ndjson views),
// checked before the first packet and written atomically at the end. The one home of this
// logic for the commands that end in a report file (scan, passive).
#pragma once
#include <camaudit/report.hpp>

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace camaudit::app {

struct ReportOutputArgs {
    std::string out = "camaudit-report.json";
    std::string format = "json";
    std::string html_out;
    std::string csv_out;
    std::string ndjson_out;
    std::string sign_key;
    std::string report_group;  // empty: report files are 0600; else 0640 and this group
};

// Adds --out/-o, --format/-f, --html, --csv, --ndjson, --sign, --report-group to a subcommand.
void add_report_output_options(CLI::App& command, ReportOutputArgs& args);

struct ReportFile {
    std::string path;  // "-" = standard output
    std::string format;
};

// Resolves --out (an existing folder gets a dated file inside), checks every format and
// that every file can be written; throws UsageError/RunError before anything runs.
std::vector<ReportFile> planned_outputs(const ReportOutputArgs& args);

// Renders and writes each file atomically (and its .sig with --sign, naming the scan's id and
// finish time), mode 0600 or 0640 for --report-group. Throws RunError.
void write_report_files(const Report& report, const std::vector<ReportFile>& files, const ReportOutputArgs& args);

// "camaudit: report written to PATH (FORMAT)" lines for the files that are not stdout, each
// with ", signed in PATH.sig" when a --sign key was given.
void print_written(const std::vector<ReportFile>& files, const std::string& sign_key = {});

}  // namespace camaudit::app
