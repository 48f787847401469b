// Report files of a run (report_output.hpp).
#include <app/report_output.hpp>

#include <app/cli_style.hpp>

#include <camaudit/error.hpp>
#include <report/report_writer.hpp>
#include <report/signing.hpp>
#include <report/time_text.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>

namespace camaudit::app {
namespace fs = std::filesystem;

void add_report_output_options(CLI::App& command, ReportOutputArgs& args) {
    command.add_option("--out,-o", args.out,
                       "Report file, '-' for standard output, or an existing folder (a dated file inside)")
        ->type_name("FILE")->capture_default_str();
    std::vector<std::string> names;
    for (const auto& format : report::formats()) names.emplace_back(format.name);
    command.add_option("--format,-f", args.format, "Format of --out: json, ndjson, csv, html or text")
        ->type_name("FORMAT")->capture_default_str()->check(one_of(names));
    command.add_option("--html", args.html_out, "Also write the HTML report (one offline page) to this file")->type_name("FILE");
    command.add_option("--csv", args.csv_out, "Also write one CSV row per device to this file")->type_name("FILE");
    command.add_option("--ndjson", args.ndjson_out, "Also write ECS-named NDJSON events to this file")->type_name("FILE");
    command.add_option("--sign", args.sign_key, "Ed25519 private key (PEM, mode 0600): write FILE.sig beside each report file")
        ->type_name("KEY");
    command.add_option("--report-group", args.report_group,
                       "Let this group read the report files (mode 0640); without it they are 0600")
        ->type_name("GROUP");
}

namespace {

std::string output_path(const std::string& out) {
    if (out == "-" || !fs::is_directory(out)) return out;
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    return (fs::path(out) / fmt::format("camaudit-{:04}{:02}{:02}T{:02}{:02}{:02}Z.json", utc.tm_year + 1900,
                                        utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec))
        .string();
}

}  // namespace

std::vector<ReportFile> planned_outputs(const ReportOutputArgs& args) {
    std::vector<ReportFile> files = {{output_path(args.out), args.format}};
    for (const auto& [path, format] : {std::pair{&args.html_out, "html"}, {&args.csv_out, "csv"}, {&args.ndjson_out, "ndjson"}})
        if (!path->empty()) files.push_back({*path, format});
    for (const auto& file : files) {
        report::find_format(file.format);
        if (file.path != "-") report::check_writable(file.path, {args.report_group});
        if (file.path == "-" && !args.sign_key.empty())
            throw UsageError("--sign needs a report file, not standard output", "use --out FILE with --sign");
    }
    if (!args.sign_key.empty()) report::sign_bytes("", args.sign_key);  // a bad key stops us first
    return files;
}

void write_report_files(const Report& report, const std::vector<ReportFile>& files, const ReportOutputArgs& args) {
    const report::FileAccess access{args.report_group};
    const report::SignedScan scan{report.scan.id, report.scan.finished == TimePoint{} ? std::string("-")
                                                                                     : report::iso_utc(report.scan.finished)};
    for (const auto& file : files) {
        const std::string content = report::find_format(file.format).render(report);
        if (file.path == "-") {
            std::fwrite(content.data(), 1, content.size(), stdout);
            if (std::fflush(stdout) != 0) throw RunError("cannot write the report to standard output");
            continue;
        }
        report::write_atomically(file.path, content, access);
        if (!args.sign_key.empty()) report::write_signature(file.path, content, args.sign_key, scan, access);
    }
}

void print_written(const std::vector<ReportFile>& files, const std::string& sign_key) {
    for (const auto& file : files)
        if (file.path != "-")
            fmt::print(stderr, "camaudit: report written to {} ({}){}\n", file.path, file.format,
                       sign_key.empty() ? "" : ", signed in " + file.path + ".sig");
}

}  // namespace camaudit::app
