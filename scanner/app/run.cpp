// The command line: one CLI11 app, one subcommand per job, every failure mapped to its
// exit code with one line of error and one line of hint.
#include <app/run.hpp>

#include <app/data_commands.hpp>
#include <app/demo_command.hpp>
#include <app/diff_command.hpp>
#include <app/discover_command.hpp>
#include <app/passive_command.hpp>
#include <app/scan_command.hpp>
#include <app/scan_config.hpp>
#include <app/verify_command.hpp>
#include <camaudit/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace camaudit::app {
namespace {

int usage_failure(const std::string& message, const std::string& hint) {
    fmt::print(stderr, "camaudit: error: {}\n", message);
    if (!hint.empty()) fmt::print(stderr, "camaudit: hint: {}\n", hint);
    return static_cast<int>(ExitCode::usage);
}

void describe(CLI::App& app) {
    app.description(
        "camaudit finds the IP cameras, NVRs and DVRs on a network, names their maker,\n"
        "brand, model and firmware with the evidence for each claim, flags the makers and\n"
        "relabels that a regulation covers (US NDAA section 889, FCC Covered List, Canada\n"
        "2025, ...), and writes a compliance report for people and SIEMs.");
    app.footer(
        "Run 'camaudit COMMAND --help' for a command's options.\n"
        "EXIT STATUS: 0 clean, 1 prohibited devices found, 2 usage or configuration error,\n"
        "3 run failure. Documentation: docs/ in the source tree.");
    app.set_version_flag("--version,-V", std::string("camaudit ") + CAMAUDIT_VERSION);
    app.require_subcommand(1);
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app("camaudit: network camera inventory and compliance scanner", "camaudit");
    describe(app);
    ScanArgs scan_args;
    DemoArgs demo_args;
    DataArgs data_args;
    VerifyArgs verify_args;
    DiffArgs diff_args;
    DiscoverArgs discover_args;
    PassiveArgs passive_args;
    auto* scan = add_scan_command(app, scan_args);
    auto* passive = add_passive_command(app, passive_args);
    auto* demo = add_demo_command(app, demo_args);
    auto* fingerprints = add_fingerprints_command(app, data_args);
    auto* policies = add_policies_command(app, data_args);
    auto* verify = add_verify_command(app, verify_args);
    auto* diff = add_diff_command(app, diff_args);
    auto* discover = add_discover_command(app, discover_args);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        const auto* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
        return usage_failure(e.what(), sub ? fmt::format("see 'camaudit {} --help'", sub->get_name())
                                           : "see 'camaudit --help'");
    }

    try {
        if (scan->parsed()) {
            if (!scan_args.config.empty()) apply_scan_config(scan_args.config, *scan, scan_args);
            return run_scan(scan_args, {argv, argv + argc});
        }
        if (passive->parsed()) return run_passive(passive_args);
        if (demo->parsed()) return run_demo(demo_args);
        if (fingerprints->parsed()) return run_fingerprints_test(data_args);
        if (policies->parsed()) return run_policies(data_args);
        if (verify->parsed()) return run_verify(verify_args);
        if (diff->parsed()) return run_diff(diff_args);
        if (discover->parsed()) return run_discover(discover_args);
    } catch (const UsageError& e) {
        return usage_failure(e.what(), e.hint());
    } catch (const DataError& e) {
        return usage_failure(e.what(), "fix the data file, or point --fingerprints at a good folder");
    } catch (const RunError& e) {
        fmt::print(stderr, "camaudit: error: {}\n", e.what());
        return static_cast<int>(ExitCode::run_failure);
    } catch (const std::exception& e) {
        fmt::print(stderr, "camaudit: internal error: {}\n", e.what());
        return static_cast<int>(ExitCode::run_failure);
    }
    return usage_failure("no command given", "see 'camaudit --help'");
}

}  // namespace camaudit::app
