// The command line: one CLI11 app, one subcommand per job, every failure mapped to its
// exit code with one line of error and one line of hint. Before CLI11 sees the words, other
// scanners' options are refused or rewritten (foreign_options.hpp) and an unknown command or
// option is named, so no misspelling is ever read as something else.
#include <app/run.hpp>

#include <app/cli_style.hpp>
#include <app/config_command.hpp>
#include <app/waivers_command.hpp>
#include <app/data_commands.hpp>
#include <app/demo_command.hpp>
#include <app/diff_command.hpp>
#include <app/discover_command.hpp>
#include <app/environment.hpp>
#include <app/foreign_options.hpp>
#include <app/passive_command.hpp>
#include <app/provenance.hpp>
#include <app/scan_command.hpp>
#include <app/scan_config.hpp>
#include <app/verify_command.hpp>
#include <camaudit/error.hpp>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

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
    app.footer("Run 'camaudit COMMAND --help' for a command's options and its exit status.\n\n" +
               exit_status_block(audit_exit_statuses()) +
               "  (scan, passive and discover; diff, verify, config, waivers and demo: see their\n"
               "  help)\n\n"
               "Documentation: docs/ in the source tree.");
    app.set_version_flag("--version,-V", std::string("camaudit ") + CAMAUDIT_VERSION);
    app.require_subcommand(1);
    app.formatter(help_formatter());
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    return names;
}

// The first word must be a command (or --help/--version): anything else is named as what it is.
void check_command_word(const CLI::App& app, const std::vector<std::string>& args) {
    const auto names = command_names(app);
    const std::string listed = fmt::format("commands: {}", fmt::join(names, ", "));
    if (args.empty()) throw UsageError("no command given", listed + " (see camaudit --help)");
    const std::string& first = args.front();
    if (first == "-h" || first == "--help" || first == "-V" || first == "--version") return;
    if (first.starts_with("-"))
        throw UsageError(fmt::format("unknown option '{}' before the command", first),
                         "write camaudit COMMAND [OPTIONS]; " + listed);
    if (std::find(names.begin(), names.end(), first) != names.end()) return;
    const auto near = nearest_name(first, names);
    throw UsageError(fmt::format("unknown command '{}'", first),
                     near.empty() ? listed : fmt::format("did you mean '{}'? {}", near, listed));
}

std::vector<std::string> long_options(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options())
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    return names;
}

// CLI11 says "The following arguments were not expected: X"; say which, and what is near.
int extras_failure(const CLI::App& app, const std::vector<std::string>& extras) {
    const CLI::App* command = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
    const std::string& word = extras.empty() ? std::string() : extras.front();
    const std::string help = fmt::format("see 'camaudit {} --help'", command->get_name());
    if (!word.starts_with("-"))
        return usage_failure(fmt::format("unexpected argument '{}'", word), help);
    // --name=VALUE is named without its value: it may be a secret typed as an option.
    const std::string name = word.substr(0, word.find('='));
    const auto near = nearest_name(name, long_options(*command));
    return usage_failure(fmt::format("unknown option '{}'", name),
                         near.empty() ? help : fmt::format("did you mean '{}'? {}", near, help));
}

// Arguments after argv[0]; `scan`'s pass through the foreign-option table.
std::vector<std::string> checked_arguments(const CLI::App& app, int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    check_command_word(app, args);
    if (!args.empty() && args.front() == "scan") {
        auto rest = translate_foreign_options({args.begin() + 1, args.end()});
        rest.insert(rest.begin(), "scan");
        args = std::move(rest);
    }
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    return args;
}

}  // namespace

int run(int argc, char** argv) {
    const Invocation invocation = invocation_of(argc, argv);  // before any secret is read or wiped
    CLI::App app("camaudit: network camera inventory and compliance scanner", "camaudit");
    describe(app);
    ScanArgs scan_args;
    DemoArgs demo_args;
    DataArgs data_args;
    VerifyArgs verify_args;
    DiffArgs diff_args;
    DiscoverArgs discover_args;
    PassiveArgs passive_args;
    ConfigArgs config_args;
    WaiversArgs waivers_args;
    auto* scan = add_scan_command(app, scan_args);
    auto* passive = add_passive_command(app, passive_args);
    auto* discover = add_discover_command(app, discover_args);
    auto* demo = add_demo_command(app, demo_args);
    auto* diff = add_diff_command(app, diff_args);
    auto* verify = add_verify_command(app, verify_args);
    auto* config = add_config_command(app, config_args);
    auto* waivers = add_waivers_command(app, waivers_args);
    auto* fingerprints = add_fingerprints_command(app, data_args);
    auto* policies = add_policies_command(app, data_args);
    one_value_per_use(app);

    try {
        auto args = checked_arguments(app, argc, argv);
        app.parse(args);
    } catch (const UsageError& e) {
        return usage_failure(e.what(), e.hint());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ExtrasError&) {
        return extras_failure(app, app.remaining(true));
    } catch (const CLI::ParseError& e) {
        const auto* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
        return usage_failure(e.what(), sub ? fmt::format("see 'camaudit {} --help'", sub->get_name())
                                           : "see 'camaudit --help'");
    }

    try {
        // The environment is checked like the flags it stands beside, by every command that reads it.
        if (!diff->parsed() && !verify->parsed()) check_environment();
        if (scan->parsed()) {
            for (const auto& value : scan_args.exclude) scan_args.exclude_sources.push_back({value, "command line"});
            if (!scan_args.config.empty()) apply_scan_config(scan_args.config, *scan, scan_args);
            return run_scan(scan_args, invocation);
        }
        if (passive->parsed()) return run_passive(passive_args, invocation);
        if (demo->parsed()) return run_demo(demo_args, invocation);
        if (fingerprints->parsed()) return run_fingerprints_test(data_args);
        if (policies->parsed()) return run_policies(data_args);
        if (verify->parsed()) return run_verify(verify_args);
        if (diff->parsed()) return run_diff(diff_args);
        if (discover->parsed()) return run_discover(discover_args, invocation);
        if (config->parsed()) return run_config_check(config_args);
        if (waivers->parsed()) return run_waivers_check(waivers_args);
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
