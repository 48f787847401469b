#include <app/diff_command.hpp>

#include <app/cli_style.hpp>

#include <app/saved_report.hpp>
#include <camaudit/error.hpp>
#include <report/report_diff.hpp>
#include <report/report_writer.hpp>

#include <fmt/format.h>

namespace camaudit::app {

CLI::App* add_diff_command(CLI::App& app, DiffArgs& args) {
    auto* diff = app.add_subcommand("diff", "Compare two saved JSON reports: new, gone and changed devices");
    long_description(*diff, 
        "Compare an older and a newer camaudit JSON report. A device is the same one when\n"
        "its MAC matches, else its IP. Lists devices that appeared, went, or changed maker,\n"
        "model, firmware, open ports or compliance status, and the violations that are new.\n"
        "A device missing from an incomplete scan (interrupted, time limit) is listed as\n"
        "'not seen', not 'gone'.\n\n"
        "EXAMPLES\n"
        "  camaudit diff last-week.json today.json\n"
        "  camaudit diff --format json --out changes.json old.json new.json");
    static constexpr ExitStatus statuses[] = {
        {0, "no new violation"},
        {1, "a device is newly prohibited (with --fail-on review, also newly in review)"},
        {2, "usage error, or a file that is not a camaudit report"},
        {3, "the output could not be written"}};
    diff->footer(exit_status_block(statuses));
    diff->add_option("before", args.before, "The older report (camaudit.report/1 JSON)")->required();
    diff->add_option("after", args.after, "The newer report")->required();
    diff->add_option("--format,-f", args.format, "text or json (camaudit.diff/1)")
        ->type_name("FORMAT")->check(one_of({"text", "json"}))->capture_default_str();
    diff->add_option("--out,-o", args.out, "Write here instead of standard output ('-')")->capture_default_str();
    diff->add_option("--fail-on", args.fail_on, "Exit 1 on a new: prohibited, or review (also newly in review)")
        ->type_name("STATUS")->check(one_of({"prohibited", "review"}))->capture_default_str();
    return diff;
}

int run_diff(const DiffArgs& args) {
    const auto diff = report::diff_reports(read_saved_report(args.before), read_saved_report(args.after));
    const std::string body = args.format == "json" ? report::diff_json(diff).dump(2) + "\n" : report::diff_text(diff);
    if (args.out == "-") fmt::print("{}", body);
    else report::write_atomically(args.out, body);
    const bool worse = !diff.new_prohibited.empty() || (args.fail_on == "review" && !diff.new_review.empty());
    return worse ? static_cast<int>(ExitCode::prohibited) : static_cast<int>(ExitCode::clean);
}

}  // namespace camaudit::app
