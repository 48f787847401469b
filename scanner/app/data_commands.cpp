// `camaudit fingerprints test` runs every signature example (Recog's verify habit);
// `camaudit policies` lists the regulations an auditor can select.
#include <app/data_commands.hpp>

#include <app/data_dir.hpp>
#include <identify/identify.hpp>
#include <identify/signature_db.hpp>
#include <policy/policy.hpp>

#include <fmt/format.h>

namespace camaudit::app {

CLI::App* add_fingerprints_command(CLI::App& app, DataArgs& args) {
    auto* fingerprints = app.add_subcommand("fingerprints", "Check the signature database");
    fingerprints->require_subcommand(1);
    auto* test = fingerprints->add_subcommand("test", "Run every example and counter-example of every rule");
    test->description(
        "Load every signature file, compile every pattern, and check that each rule's\n"
        "examples match (with the captures they name) and its counter-examples do not.\n"
        "Exits 1 when any check fails, 2 when a file does not load.");
    test->add_option("--fingerprints", args.fingerprints, "Data folder to check (default: the installed one)");
    test->add_flag("--verbose,-v", args.verbose, "List every rule checked");
    return fingerprints;
}

int run_fingerprints_test(const DataArgs& args) {
    const auto dir = fingerprints_dir(args.fingerprints);
    const auto knowledge = identify::load_knowledge(dir);
    const auto& db = identify::signatures(*knowledge);
    if (args.verbose)
        for (const auto& rule : db.rules()) fmt::print("{}  {}\n", rule.key, rule.id);
    const auto failures = identify::verify_examples(db);
    for (const auto& failure : failures)
        fmt::print(stderr, "FAIL {}: rule {}: {}\n", failure.file, failure.rule, failure.message);
    std::size_t examples = 0;
    for (const auto& rule : db.rules()) examples += rule.examples.size() + rule.counter_examples.size();
    fmt::print("{} rules, {} examples checked in {}: {} failed\n", db.rule_count(), examples,
               dir.string(), failures.size());
    return failures.empty() ? 0 : 1;
}

CLI::App* add_policies_command(CLI::App& app, DataArgs& args) {
    auto* policies = app.add_subcommand("policies", "List the regulations camaudit can apply");
    policies->description(
        "List every regulation in the data folder with its jurisdiction, instrument,\n"
        "effective date, scope, the vendors it covers and its source. Select them in a\n"
        "scan with --policy ID,ID.");
    policies->add_option("--fingerprints", args.fingerprints, "Data folder (default: the installed one)");
    policies->add_flag("--verbose,-v", args.verbose, "Also print each regulation's summary");
    return policies;
}

int run_policies(const DataArgs& args) {
    const auto db = policy::RegulationDb::load(fingerprints_dir(args.fingerprints));
    for (const auto& r : db.all()) {
        fmt::print("{}{}\n  {} — {}\n  effective {}; scope: {}\n  covers: {}\n  source: {}\n",
                   r.id, r.verified ? "" : "  [unverified]", r.jurisdiction, r.instrument, r.effective,
                   r.scope, fmt::join(r.vendors, ", "), r.sources.empty() ? "-" : r.sources.front());
        if (args.verbose) fmt::print("  {}\n", r.summary);
        fmt::print("\n");
    }
    return 0;
}

}  // namespace camaudit::app
