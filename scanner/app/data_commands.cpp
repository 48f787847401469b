// `camaudit fingerprints test` runs every signature example (Recog's verify habit);
// `camaudit fingerprints explain` shows which rules hit a value or a saved report's evidence;
// `camaudit policies` lists the regulations an auditor can select.
#include <app/data_commands.hpp>

#include <app/cli_style.hpp>
#include <app/saved_report.hpp>

#include <app/data_dir.hpp>
#include <app/pipeline.hpp>
#include <camaudit/error.hpp>
#include <identify/identify.hpp>
#include <identify/knowledge.hpp>
#include <identify/merge.hpp>
#include <identify/signature_db.hpp>
#include <identify/vocabulary.hpp>
#include <policy/policy.hpp>
#include <report/printable.hpp>
#include <policy/profiles.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

namespace camaudit::app {
namespace {

void add_data_options(CLI::App& command, DataArgs& args) {
    command.add_option("--fingerprints", args.fingerprints,
                       "Data folder to use instead of the installed one (replaces it)");
    command.add_option("--site-fingerprints", args.site_fingerprints,
                       "Folder of extra signature files loaded on top (repeatable; also $CAMAUDIT_SITE_FINGERPRINTS)");
}

std::shared_ptr<const identify::Knowledge> load_for(const DataArgs& args, std::filesystem::path& dir) {
    dir = fingerprints_dir(args.fingerprints);
    return identify::load_knowledge(dir, site_fingerprint_dirs(args.site_fingerprints));
}

std::vector<const identify::SignatureDb*> all_dbs(const identify::Knowledge& knowledge) {
    std::vector<const identify::SignatureDb*> dbs{&knowledge.signatures};
    for (const auto& site : knowledge.site_signatures) dbs.push_back(&site);
    return dbs;
}

using report::printable;

// A value in quotes, as a person reads it: controls, bidi and invalid UTF-8 made visible by
// printable() and an inner quote escaped, so the value cannot close its quotes or its line.
std::string in_quotes(std::string_view text) {
    std::string out = "\"";
    for (char c : printable(text)) out += c == '"' ? std::string("\\\"") : std::string(1, c);
    return out + "\"";
}

std::string or_dash(const std::string& text) { return text.empty() ? "-" : printable(text); }

// --key mac VALUE: what the IEEE registry and the overrides say about a MAC.
int explain_mac(const identify::Knowledge& knowledge, const std::string& mac) {
    const auto* entry = knowledge.oui.table.lookup(mac);
    if (!entry) {
        fmt::print("mac {}: no claim (unknown prefix, locally administered, multicast or malformed; registry {})\n",
                   in_quotes(mac), knowledge.oui.registry_dir);
        return 0;
    }
    const auto* vendor = identify::oui_vendor(*entry, knowledge);
    fmt::print("mac {}: prefix {} ({}) assigned to {}\n", in_quotes(mac), entry->prefix, entry->registry,
               in_quotes(entry->organisation));
    if (!vendor) {
        fmt::print("  no canonical vendor owns this organisation: no claim\n");
        return 0;
    }
    fmt::print("  oui:{}  weight {:.2f}\n    claims: vendor={}\n", entry->prefix,
               knowledge.oui.rules.at(vendor->name).weight, vendor->name);
    return 0;
}

void print_match(const identify::SignatureMatch& match, const std::string& value) {
    const Signature& rule = *match.rule;
    std::vector<std::string> claims;
    const std::pair<const char*, const std::string*> fixed_claims[] = {
        {"vendor", &rule.vendor}, {"brand", &rule.brand}, {"product", &rule.product}, {"device_type", &rule.device_type}};
    for (const auto& [field, fixed] : fixed_claims)
        if (!fixed->empty()) claims.push_back(fmt::format("{}={}", field, printable(*fixed)));
    std::vector<std::string> captures;
    for (const auto& [name, captured] : match.captures) captures.push_back(fmt::format("{}={}", name, in_quotes(captured)));
    fmt::print("  {}  weight {:.2f}  ({})\n    claims: {}\n", printable(rule.id), rule.weight, printable(rule.file),
               claims.empty() ? "-" : fmt::format("{}", fmt::join(claims, ", ")));
    if (!captures.empty()) fmt::print("    captures: {}\n", fmt::join(captures, ", "));
    fmt::print("    matched: {}\n", in_quotes(identify::excerpt_around(value, match.start, match.length, 120)));
    if (!rule.description.empty()) fmt::print("    why: {}\n", printable(rule.description));
}

int explain_value(const identify::Knowledge& knowledge, const std::filesystem::path& dir, const DataArgs& args) {
    if (args.key == "mac") return explain_mac(knowledge, args.value);
    if (!identify::vocabulary_keys(dir).contains(args.key))
        throw UsageError("'" + args.key + "' is not an observation key of the vocabulary",
                         "see fingerprints/vocabulary/keys/ (or use --key mac for a MAC address)");
    std::size_t rules = 0, hits = 0;
    for (const auto* db : all_dbs(knowledge)) {
        for (const auto& rule : db->rules()) rules += rule.key == args.key;
        for (const auto& match : db->match(args.key, args.value)) {
            if (hits++ == 0) fmt::print("{} {}:\n", printable(args.key), in_quotes(args.value));
            print_match(match, args.value);
        }
    }
    if (hits == 0) fmt::print("{} {}: no rule matches\n", printable(args.key), in_quotes(args.value));
    fmt::print("{} of {} rules of {} match\n", hits, rules, printable(args.key));
    return 0;
}

std::string text_of(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The observations a saved device's evidence and open ports stand for (values are the
// report's excerpts, so long bodies are matched on what the report kept).
std::vector<Observation> observations_of(const nlohmann::json& device) {
    std::vector<Observation> out;
    std::set<std::string> seen;
    auto base = [&] {
        Observation o;
        o.ip = text_of(device, "ip");
        o.mac = text_of(device, "mac");
        return o;
    };
    for (const auto& port : device.value("open_ports", nlohmann::json::array())) {
        Observation o = base();
        o.key = port.value("proto", "tcp") == "udp" ? "udp.port.open" : "tcp.port.open";
        o.port = port.value("port", std::uint16_t{0});
        o.proto = port.value("proto", "tcp");
        o.value = text_of(port, "service");
        o.probe = "tcp_connect";
        out.push_back(std::move(o));
    }
    for (const auto& evidence : device.value("evidence", nlohmann::json::array())) {
        Observation o = base();
        o.key = text_of(evidence, "field");
        o.port = evidence.value("port", std::uint16_t{0});
        o.value = text_of(evidence, "value");
        o.probe = text_of(evidence, "source");
        o.context = text_of(evidence, "context");
        const std::string id = fmt::format("{}|{}|{}|{}|{}", o.probe, o.key, o.port, o.context, o.value);
        if (o.key == "mac" || o.key == "tcp.port.open" || !seen.insert(id).second) continue;
        out.push_back(std::move(o));
    }
    if (out.empty() && !text_of(device, "mac").empty()) {  // a MAC-only host (ARP)
        Observation o = base();
        o.key = "mac";
        o.probe = "report";
        out.push_back(std::move(o));
    }
    return out;
}

void explain_observation(const Observation& o, const identify::Knowledge& knowledge) {
    auto claims = identify::claims_of(o, knowledge);
    std::map<std::string, std::vector<const identify::Claim*>> by_rule;
    for (const auto& claim : claims) by_rule[identify::rule_id_of(claim)].push_back(&claim);
    fmt::print("  {} {}{} {}\n", printable(o.probe), printable(o.key), o.port ? fmt::format(" port {}", o.port) : "",
               in_quotes(identify::excerpt_around(o.value, 0, 0, 120)));
    if (by_rule.empty()) fmt::print("    no rule matches\n");
    for (const auto& [rule, list] : by_rule) {
        std::vector<std::string> said;
        for (const auto* claim : list) said.push_back(claim->field + "=" + printable(claim->value));
        fmt::print("    -> {} (weight {:.2f}): {}\n", printable(rule), list.front()->weight, fmt::join(said, ", "));
    }
}

void explain_device(const nlohmann::json& saved, const identify::Knowledge& knowledge) {
    const auto observations = observations_of(saved);
    fmt::print("{}{}  in the report: vendor {}, confidence {:.2f}, status {}\n", printable(text_of(saved, "ip")),
               text_of(saved, "mac").empty() ? "" : " (" + printable(text_of(saved, "mac")) + ")",
               or_dash(text_of(saved, "vendor")), saved.value("confidence", 0.0),
               saved.contains("compliance") ? or_dash(text_of(saved["compliance"], "status")) : "-");
    if (!text_of(saved, "mac").empty()) {
        Observation o;
        o.mac = text_of(saved, "mac");
        const auto oui = identify::oui_claims_of(o, knowledge);
        fmt::print("  mac {}: {}\n", printable(o.mac), oui.empty() ? std::string("no OUI claim")
                   : fmt::format("-> {} (weight {:.2f}): vendor={}  [{}]", oui[0].rule_id, oui[0].weight,
                                 printable(oui[0].value), printable(oui[0].note)));
    }
    for (const auto& o : observations)
        if (o.key != "mac") explain_observation(o, knowledge);
    const auto devices = identify::identify_devices(observations, knowledge);
    if (devices.empty()) return;
    const auto& d = devices.front();
    fmt::print("  re-identified: vendor {}, brand {}, type {}, model {}, confidence {:.2f}{}\n",
               or_dash(d.vendor), or_dash(d.brand), or_dash(d.device_type), or_dash(d.model), d.confidence,
               d.relabel ? " (relabel)" : "");
    for (const auto& conflict : d.conflicts) fmt::print("  conflict: {}\n", printable(conflict));
}

int explain_report(const identify::Knowledge& knowledge, const DataArgs& args) {
    const auto report = read_saved_report(args.report);
    std::size_t shown = 0;
    for (const auto& device : report["devices"]) {
        if (!device.is_object() || (!args.ip.empty() && text_of(device, "ip") != args.ip)) continue;
        if (shown++ > 0) fmt::print("\n");
        explain_device(device, knowledge);
    }
    if (shown == 0 && !args.ip.empty())
        throw UsageError("no device with address " + args.ip + " in " + args.report);
    if (shown == 0) fmt::print("{}: no devices\n", args.report);
    return 0;
}

}  // namespace

CLI::App* add_fingerprints_command(CLI::App& app, DataArgs& args) {
    auto* fingerprints = app.add_subcommand("fingerprints", "Check and explain the signature database");
    fingerprints->require_subcommand(1);
    static constexpr ExitStatus statuses[] = {
        {2, "no subcommand given: see 'camaudit fingerprints test --help' and 'explain --help'"}};
    fingerprints->footer(exit_status_block(statuses));
    auto* test = fingerprints->add_subcommand("test", "Run every example and counter-example of every rule");
    long_description(*test, 
        "Load every signature file (and every --site-fingerprints folder), compile every\n"
        "pattern, and check that each rule's examples match (with the captures they name)\n"
        "and its counter-examples do not.");
    static constexpr ExitStatus test_statuses[] = {
        {0, "every example and counter-example holds"},
        {1, "a check failed (each is printed as FAIL FILE: rule ID: why)"},
        {2, "a signature file does not load, or a usage error"}};
    test->footer(exit_status_block(test_statuses));
    add_data_options(*test, args);
    test->add_flag("--verbose,-v", args.verbose, "List every rule checked");
    args.explain = fingerprints->add_subcommand("explain", "Show which rules hit a value or a saved report");
    long_description(*args.explain, 
        "explain --key KEY VALUE: every rule of KEY that matches VALUE, with its claims,\n"
        "captures and weight (--key mac VALUE: the MAC registry's answer).\n"
        "explain --report REPORT.json [--ip A]: re-runs identification over the report's\n"
        "evidence values and open ports and prints which rules hit and why.");
    args.explain->add_option("--key", args.key, "Observation key, e.g. http.header.server, or mac");
    args.explain->add_option("value", args.value, "The observed value to explain (with --key)");
    args.explain->add_option("--report", args.report, "A camaudit JSON report");
    args.explain->add_option("--ip", args.ip, "Only this device of the report");
    static constexpr ExitStatus explain_statuses[] = {
        {0, "explained (whether or not a rule hit)"}, {2, "usage error, a file that is not a report, or bad data"}};
    args.explain->footer(exit_status_block(explain_statuses));
    add_data_options(*args.explain, args);
    return fingerprints;
}

int run_fingerprints_test(const DataArgs& args) {
    if (args.explain && args.explain->parsed()) return run_fingerprints_explain(args);
    std::filesystem::path dir;
    const auto knowledge = load_for(args, dir);
    std::size_t rules = 0, examples = 0, failed = 0;
    for (const auto* db : all_dbs(*knowledge)) {
        if (args.verbose)
            for (const auto& rule : db->rules()) fmt::print("{}  {}\n", rule.key, rule.id);
        const auto failures = identify::verify_examples(*db);
        for (const auto& failure : failures)
            fmt::print(stderr, "FAIL {}: rule {}: {}\n", failure.file, failure.rule, failure.message);
        for (const auto& rule : db->rules()) examples += rule.examples.size() + rule.counter_examples.size();
        rules += db->rule_count();
        failed += failures.size();
    }
    std::string where = dir.string();
    for (const auto& site : site_fingerprint_dirs(args.site_fingerprints)) where += " + " + site.string();
    fmt::print("{} rules, {} examples checked in {}: {} failed\n", rules, examples, where, failed);
    return failed == 0 ? 0 : 1;
}

int run_fingerprints_explain(const DataArgs& args) {
    if (args.key.empty() == args.report.empty())
        throw UsageError("explain needs either --key KEY VALUE or --report REPORT.json",
                         "see 'camaudit fingerprints explain --help'");
    if (!args.key.empty() && (args.value.empty() || !args.ip.empty()))
        throw UsageError("explain --key KEY takes a VALUE and no --ip", "see 'camaudit fingerprints explain --help'");
    std::filesystem::path dir;
    const auto knowledge = load_for(args, dir);
    return args.key.empty() ? explain_report(*knowledge, args) : explain_value(*knowledge, dir, args);
}

CLI::App* add_policies_command(CLI::App& app, DataArgs& args) {
    auto* policies = app.add_subcommand("policies", "List the regulations camaudit can apply");
    long_description(*policies, 
        "List every regulation in the data folder with its jurisdiction, instrument,\n"
        "effective date, scope, the vendors it covers and its source. Select them in a\n"
        "scan with --policy ID,ID. Without --policy a scan applies every rule except those\n"
        "marked opt-in: rules that name no vendor (a certification test for every camera,\n"
        "or a power that binds no device) apply only when named.\n\n"
        "Then the policy profiles (--profile NAME): the rules that bind one kind of\n"
        "organisation and the status each gives it. Without --profile a scan uses 'all':\n"
        "a rule that forbids use gives prohibited, one that forbids premises review, any\n"
        "other (procurement, new authorisations, export) advisory.");
    policies->add_option("--fingerprints", args.fingerprints, "Data folder (default: the installed one)");
    policies->add_flag("--verbose,-v", args.verbose, "Also print each regulation's summary");
    static constexpr ExitStatus statuses[] = {{0, "listed"}, {2, "a regulation file does not load, or a usage error"}};
    policies->footer(exit_status_block(statuses));
    return policies;
}

namespace {

void print_profiles(const policy::ProfileDb& profiles, bool verbose) {
    fmt::print("Policy profiles (--profile NAME):\n\n{}  [default]\n  every rule but the opt-in ones; "
               "status from what each forbids\n\n", policy::default_profile);
    for (const auto& p : profiles.all()) {
        std::vector<std::string> rules;
        for (const auto& rule : p.rules) rules.push_back(rule.regulation + " " + std::string(to_string(rule.status)));
        fmt::print("{}\n  {}\n  rules: {}\n", p.id, p.title, fmt::join(rules, ", "));
        if (verbose) fmt::print("  {}\n", p.description);
        fmt::print("\n");
    }
}

}  // namespace

int run_policies(const DataArgs& args) {
    const auto db = policy::RegulationDb::load(fingerprints_dir(args.fingerprints));
    for (const auto& r : db.all()) {
        const std::string covers = r.reach == policy::Regulation::Reach::named_vendors
                                       ? fmt::format("{}", fmt::join(r.vendors, ", "))
                                       : fmt::format("no vendor named ({}): {}", policy::to_string(r.reach), r.criterion);
        // A site's regulation files are data like a device's answers: shown through printable().
        fmt::print("{}{}{}\n  {} — {}\n  effective {}; scope: {}\n  covers: {}\n  source: {}\n",
                   printable(r.id), r.verified ? "" : "  [unverified]", r.opt_in ? "  [opt-in: only with --policy]" : "",
                   printable(r.jurisdiction), printable(r.instrument), printable(r.effective), printable(r.scope),
                   printable(covers), r.sources.empty() ? "-" : printable(r.sources.front()));
        std::vector<std::string> forbids;
        for (const auto& f : r.forbids) forbids.push_back(f.what);
        fmt::print("  forbids: {}; without a profile: {}\n", forbids.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(forbids, ", ")),
                   to_string(policy::ceiling_of(r)));
        if (args.verbose) fmt::print("  {}\n", printable(r.summary));
        fmt::print("\n");
    }
    print_profiles(policy::ProfileDb::load(fingerprints_dir(args.fingerprints), db), args.verbose);
    return 0;
}

}  // namespace camaudit::app
