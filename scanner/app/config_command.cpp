// `camaudit config check FILE` (config_command.hpp).
#include <app/config_command.hpp>

#include <app/cli_style.hpp>
#include <app/dry_run.hpp>
#include <app/scan_command.hpp>
#include <app/scan_config.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace camaudit::app {

CLI::App* add_config_command(CLI::App& app, ConfigArgs& args) {
    auto* check = add_check_command(app, "config", "Check a scan configuration file without scanning",
                                    "Validate FILE as 'camaudit scan --config FILE' would read it");
    long_description(*check, 
        "Read FILE as 'camaudit scan --config FILE' would: every key through the option of\n"
        "the same name (types, ranges, lists), the rules between options (--shard needs\n"
        "--seed), the data folder and policies, the waivers file, the ONVIF credentials\n"
        "file, the report paths, and the targets' syntax. No name is resolved and no\n"
        "packet is sent. Prints what the scan would cover.");
    check->add_option("file", args.file, "The TOML file")->required()->type_name("FILE");
    check->footer("EXIT STATUS\n"
                  "  0  the file is valid\n"
                  "  2  it is not: the error names FILE:LINE, the key, and the nearest known key\n"
                  "  3  a report path it names cannot be written");
    return check->get_parent();
}

int run_config_check(const ConfigArgs& args) {
    CLI::App app("camaudit", "camaudit");
    ScanArgs scan_args;
    auto* scan = add_scan_command(app, scan_args);
    one_value_per_use(app);
    app.parse(std::vector<std::string>{"scan"});
    scan_args.config = args.file;
    apply_scan_config(args.file, *scan, scan_args);
    const ScanPlan plan = plan_scan(scan_args, names_unresolved());
    fmt::print("{}: valid\n", args.file);
    fmt::print("  targets: {} ({} addresses after {} exclusion(s))\n", fmt::join(scan_args.targets, ", "),
               plan.scope->size(), scan_args.exclude.size());
    for (const auto& entry : scan_args.exclude_sources) fmt::print("  exclude {}  from {}\n", entry.target, entry.source);
    for (const auto& file : plan.files) fmt::print("  report: {} ({})\n", file.path, file.format);
    return 0;
}

}  // namespace camaudit::app
