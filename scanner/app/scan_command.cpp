// `camaudit scan`: check everything that can fail before the first packet (targets, data,
// output path), scan, identify, apply policy, write the report, exit with its verdict.
#include <app/scan_command.hpp>
#include <app/policy_options.hpp>

#include <app/active_scan.hpp>
#include <app/cli_style.hpp>
#include <app/credentials.hpp>
#include <app/dry_run.hpp>
#include <app/least_privilege.hpp>
#include <app/passive_command.hpp>
#include <app/pipeline.hpp>
#include <app/provenance.hpp>
#include <app/sweep_choice.hpp>
#include <app/waivers_command.hpp>
#include <camaudit/error.hpp>
#include <engine/scan_estimate.hpp>
#include <probes/port_table.hpp>
#include <probes/registry.hpp>
#include <policy/waivers.hpp>
#include <report/report_writer.hpp>
#include <report/syslog_sender.hpp>
#include <targets/permutation.hpp>
#include <targets/target_set.hpp>

#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <random>
#include <unistd.h>

namespace camaudit::app {

namespace {

std::vector<std::string> probe_names() {
    std::vector<std::string> names;
    for (const DeepProbe* probe : probes::all_probes()) names.emplace_back(probe->name);
    for (const UdpProbe* probe : probes::all_udp_probes()) names.emplace_back(probe->name);
    return names;
}

}  // namespace

CLI::App* add_scan_command(CLI::App& app, ScanArgs& args) {
    auto* scan = app.add_subcommand("scan", "Scan targets actively and write a compliance report");
    long_description(*scan, 
        "Find the hosts of TARGET... that are up, sweep them for the camera ports, run\n"
        "the deep probes (HTTP, TLS, RTSP, ONVIF, the vendors' SDK ports, SNMP, SSDP,\n"
        "mDNS, WS-Discovery, SADP, Dahua DHIP) on what answers, name each device's maker,\n"
        "model and firmware from the evidence, apply the selected regulations, and write\n"
        "a camaudit.report/1 report atomically. A summary goes to standard error.\n\n"
        "TARGET is an IPv4 address (192.0.2.5), a CIDR (192.0.2.0/24), a range\n"
        "(192.0.2.1-192.0.2.50 or 192.0.2.1-50), a host name, an IPv6 address or prefix\n"
        "up to /112, or @FILE with one target per line (# comments allowed). There is no\n"
        "default target: camaudit scans only what you name. Each option takes one value\n"
        "per use; repeat it, or give a comma list where it says so. Durations: 500ms,\n"
        "90s, 15m, 2h, 1h30m. nmap, masscan and zmap options are refused with the\n"
        "camaudit way to say them (docs/nmap-users.md).");
    scan->add_option("targets", args.targets, "Addresses, CIDRs, ranges, host names or @FILE")->type_name("TARGET");
    scan->add_option("--exclude,-x", args.exclude,
                     "Never probe these (same forms, comma list, repeatable); always wins, adds to the config's")
        ->type_name("TARGET")->delimiter(',');
    scan->add_option("--ports,-p", args.ports, "TCP ports: 80,443,8000-8100, or 'default' (the camera table, docs/ports.md)")
        ->type_name("PORTS")->capture_default_str()
        ->check(accepted_by([](const std::string& text) { probes::parse_port_list(text); }));
    scan->add_option("--rate", args.rate, "Probes per second at most")
        ->type_name("N")->capture_default_str()->check(number_in(0.1, 1e6));
    scan->add_option("--concurrency", args.concurrency, "Connects outstanding at once (lowered to fit the open-file limit)")
        ->type_name("N")->capture_default_str()->check(number_in(1, 20000));
    scan->add_option("--timeout", args.timeout_ms,
                     "Connect timeout of discovery, and the ceiling of the one learned for the port sweep (bare: ms)")
        ->type_name("DURATION")->default_str("1500ms")
        ->transform(duration_in("ms", std::chrono::milliseconds(10), std::chrono::minutes(1)));
    scan->add_option("--retries", args.retries, "Extra connects for a port that stayed silent (on a host that shows loss)")
        ->type_name("N")->capture_default_str()->check(number_in(0, 5));
    scan->add_flag("--no-adaptive-timing", args.no_adaptive_timing,
                   "The port sweep waits --timeout and retries every silent port, instead of the timeout learned from discovery");
    scan->add_flag("--no-discovery", args.no_discovery,
                   "Take every address as up and sweep all its ports (nmap's -Pn; slow on sparse networks)");
    auto* syn = scan->add_flag("--syn", args.syn,
                               "Insist on the stateless SYN sweep (nmap's -sS); exit 2 when it cannot run (no CAP_NET_RAW)");
    scan->add_flag("--connect", args.connect,
                   "Use the connect sweep even with CAP_NET_RAW (nmap's -sT); without it camaudit uses it anyway")
        ->excludes(syn);
    scan->add_option("--host-budget", args.host_budget_s, "How long the deep probes of one host may take at most")
        ->type_name("DURATION")->default_str("30s")
        ->transform(duration_in("s", std::chrono::seconds(1), std::chrono::hours(1)));
    scan->add_option("--seed", args.seed, "Seed of the probe order (random when absent; recorded in the report)")
        ->type_name("N");
    scan->add_option("--shard", args.shard, "Scan only slice K of N of the permutation; needs the same --seed on every worker")
        ->type_name("K/N")->capture_default_str()
        ->check(accepted_by([](const std::string& text) { targets::parse_shard(text); }));
    add_report_output_options(*scan, args.output);
    scan->add_option("--syslog", args.syslog, "Send one event per device and finding to udp://HOST:PORT or tcp://HOST:PORT")
        ->type_name("URL")->check(accepted_by([](const std::string& text) { report::parse_syslog_url(text); }));
    scan->add_option("--syslog-format", args.syslog_format, "Syslog message layout: rfc5424 or cef")
        ->type_name("FORMAT")->capture_default_str()->check(one_of({"rfc5424", "cef"}));
    scan->add_option("--best-effort", args.best_effort,
                     "An output whose failed delivery is only a warning, not exit 3: syslog")
        ->type_name("OUTPUT")->delimiter(',')->check(one_of({"syslog"}));
    scan->add_option("--waivers", args.waivers, "TOML file of approved, dated waivers (docs/waivers.md)")->type_name("FILE");
    const auto probe_list = probe_names();
    scan->add_option("--probes", args.probes, fmt::format("Deep probes to run, comma list, or all: {}", fmt::join(probe_list, ", ")))
        ->type_name("LIST")->capture_default_str()->check(list_of(probe_list));
    add_policy_options(*scan, args.profile, args.policies, args.fail_on);
    scan->add_option("--fingerprints", args.fingerprints, "Data folder with signatures and regulations (default: the installed one)")
        ->type_name("DIR");
    scan->add_option("--site-fingerprints", args.site_fingerprints, "Folder of the site's own signature files, loaded on top (repeatable)")
        ->type_name("DIR");
    scan->add_option("--max-duration", args.max_duration_s, "Stop after this long; the report says it is incomplete (exit 4)")
        ->type_name("DURATION")->transform(duration_in("s", std::chrono::seconds(1), std::chrono::hours(24 * 7)));
    scan->add_option("--exchange-timeout", args.exchange_timeout_ms, "How long one request and its answer may take")
        ->type_name("DURATION")->default_str("4s")
        ->transform(duration_in("ms", std::chrono::milliseconds(500), std::chrono::seconds(30)));
    scan->add_option("--max-body-kib", args.max_body_kib, "KiB of an answer's body read at most; the rest is cut")
        ->type_name("N")->capture_default_str()->check(number_in(16, 4096));
    scan->add_option("--max-observations-per-host", args.max_observations_per_host,
                     "Facts kept per host at most; the rest are dropped with one error")
        ->type_name("N")->capture_default_str()->check(number_in(observations_per_host_floor, observations_per_host_ceiling));
    scan->add_option("--onvif-credentials", args.onvif_credentials,
                     "File (mode 0600, yours) with 'username = ...' and 'password = ...' for ONVIF calls refused anonymously")
        ->type_name("FILE");
    scan->add_option("--config,-c", args.config, "TOML file with the same options (docs/configuration.md); flags win, exclusions add up")
        ->type_name("FILE");
    scan->add_flag("--allow-large", args.allow_large, "Allow a scope of more than 65,536 addresses");
    scan->add_flag("--quiet,-q", args.quiet, "No summary on standard error");
    scan->add_flag("--progress", args.progress, "A progress line every second, even when stderr is not a terminal");
    scan->add_flag("--no-progress", args.no_progress, "No progress line, even on a terminal");
    scan->add_flag("--dry-run", args.dry_run,
                   "Check everything, print the addresses, probe counts and estimated duration, send nothing");
    add_layer2_options(*scan, args.layer2);
    scan->footer(
        "EXAMPLES\n"
        "  camaudit scan 192.0.2.0/24 --out audit.json\n"
        "  camaudit scan 198.18.0.0/16 --dry-run        (what it would send, how long)\n"
        "  camaudit scan 198.18.0.0/16 -x 198.18.9.0/24 --rate 500 --out reports/\n"
        "  camaudit scan @cameras.txt --policy us-ndaa-889 --out - | jq .summary\n"
        "  camaudit scan 198.18.0.0/15 --allow-large --seed 42 --shard 3/16 --out p3.json\n"
        "  camaudit scan --config /etc/camaudit/site.toml   (cron or a systemd timer)\n"
        "  camaudit scan 192.0.2.0/24 --html r.html --csv devices.csv --sign key.pem\n"
        "  camaudit scan 192.0.2.0/24 --syslog tcp://siem.example:514 --syslog-format cef\n"
        "  sudo camaudit scan 192.0.2.0/24 --arp -i eth0 --discover eth0 --out r.json\n\n" +
        exit_status_block(audit_exit_statuses()) +
        "\nSAFETY\n"
        "  Probes are read-only: no logins, no exploits, no configuration changes.\n"
        "  Scan only networks you are authorised to audit.");
    return scan;
}

namespace {

std::map<std::string, std::string> recorded_options(const ScanArgs& args, std::uint64_t seed) {
    return {{"ports", args.ports},   {"rate", fmt::format("{}", args.rate)},
            {"concurrency", std::to_string(args.concurrency)},
            {"timeout_ms", std::to_string(args.timeout_ms)}, {"retries", std::to_string(args.retries)},
            {"adaptive_timing", args.no_adaptive_timing ? "off" : "on"},
            {"seed", std::to_string(seed)}, {"discovery", args.no_discovery ? "none" : "tcp"},
            {"host_budget_s", std::to_string(args.host_budget_s)}, {"probes", args.probes}, {"fail_on", args.fail_on}};
}

ActiveScanOptions engine_options(const ScanArgs& args, const LoadedData& data, std::uint64_t seed) {
    ActiveScanOptions options;
    options.ports = probes::parse_port_list(args.ports);
    options.seed = seed;
    options.shard = targets::parse_shard(args.shard);
    options.rate = args.rate;
    options.concurrency = args.concurrency;  // the sweep lowers it to the descriptor limit, with a warning
    options.timeout = std::chrono::milliseconds(args.timeout_ms);
    options.retries = args.retries;
    options.no_discovery = args.no_discovery;
    options.adaptive_timing = !args.no_adaptive_timing;
    options.host_budget = std::chrono::seconds(args.host_budget_s);
    const auto selected = probes::select_probes(args.probes);
    options.probes = selected.deep;
    options.udp_probes = selected.udp;
    options.data = &data.probe_data;
    options.progress = !args.no_progress && (args.progress || (!args.quiet && isatty(STDERR_FILENO)));
    if (options.progress)  // the verdicts only the progress line reads; the report judges again in full
        options.judge_host = [&data](const std::vector<Observation>& host) { return any_prohibited(host, data); };
    options.max_duration = std::chrono::seconds(args.max_duration_s);
    options.limits.exchange_timeout = std::chrono::milliseconds(args.exchange_timeout_ms);
    options.limits.max_body_bytes = std::size_t{args.max_body_kib} * 1024;
    options.limits.max_observations_per_host = args.max_observations_per_host;
    return options;
}

SweepRequest sweep_request(const ScanArgs& args) {
    return args.syn ? SweepRequest::syn : args.connect ? SweepRequest::connect : SweepRequest::automatic;
}

RunContext scan_context(const ScanArgs& args, const targets::TargetSet& scope) {
    return {args.config, {args.layer2.interface, args.layer2.discover, args.layer2.listen}, scope.interval_starts()};
}

bool best_effort(const ScanArgs& args, std::string_view output) {
    return std::find(args.best_effort.begin(), args.best_effort.end(), output) != args.best_effort.end();
}

// Ships the events; a collector that is slow or gone costs messages, never the report.
// True when every message went out without an error.
bool send_syslog(const ScanArgs& args, Report& report) {
    report::SyslogSender sender(report::parse_syslog_url(args.syslog));
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    for (auto& message : report::syslog_messages(report, report::parse_syslog_format(args.syslog_format), host))
        sender.post(std::move(message));
    const auto stats = sender.finish(std::chrono::seconds(5));
    report.scan.options["syslog_sent"] = std::to_string(stats.sent);
    report.scan.options["syslog_dropped"] = std::to_string(stats.dropped);
    if (!stats.error.empty() || stats.dropped > 0) {
        const auto message = fmt::format("{}{}{} message(s) dropped", stats.error, stats.error.empty() ? "" : "; ", stats.dropped);
        report.errors.push_back({args.syslog, "syslog", message});
        fmt::print(stderr, "camaudit: warning: syslog {}: {}\n", args.syslog, message);
        return false;
    }
    return true;
}

}  // namespace

void check_scan_args(const ScanArgs& args) {
    if (args.targets.empty())
        throw UsageError("no target given: camaudit scans only what you name",
                         "e.g. camaudit scan 192.0.2.0/24 --out audit.json (see camaudit scan --help)");
    if (targets::parse_shard(args.shard).count > 1 && !args.seed)
        throw UsageError(fmt::format("--shard {} without --seed: each worker would walk its own order, so the "
                                     "shards would overlap and leave gaps", args.shard),
                         "give every worker the same --seed S (any number), e.g. --seed 42 --shard " + args.shard);
}

ScanPlan plan_scan(const ScanArgs& args, const targets::Resolver& resolve) {
    check_scan_args(args);
    ScanPlan plan;
    plan.files = planned_outputs(args.output);  // also checks a --sign key before scanning
    plan.credentials = resolve_onvif_credentials(args.onvif_credentials);
    plan.data = load_data(args.fingerprints, args.policies, args.site_fingerprints, args.profile);
    if (!args.waivers.empty()) plan.waivers = load_checked_waivers(args.waivers, plan.data.dir);
    plan.data.probe_data.onvif_credentials = plan.credentials.credentials;
    if (!args.snmp_community.empty() && !std::getenv("CAMAUDIT_SNMP_COMMUNITY"))
        plan.data.probe_data.snmp_community = args.snmp_community;
    plan.scope = targets::TargetSet::build({args.targets, args.exclude, args.allow_large}, resolve, plan.scope_errors);
    return plan;
}

int run_scan(const ScanArgs& args, const Invocation& invocation) {
    ScanPlan plan = plan_scan(args, args.dry_run ? names_unresolved() : targets::system_resolver());
    LoadedData& data = plan.data;
    const std::uint64_t seed = args.seed.value_or(std::random_device{}() * 4294967296ull + std::random_device{}());
    ActiveScanOptions options = engine_options(args, data, seed);
    if (args.dry_run) return print_dry_run(args, plan, options);
    if (const auto note = default_profile_note(data); !note.empty() && !args.quiet) fmt::print(stderr, "{}\n", note);

    Report report = start_report("active", args.targets, args.exclude, data, options.shard);
    report.scan.targets_source = args.targets_source;
    report.scan.exclusions = args.exclude_sources;
    report.scan.options = recorded_options(args, seed);
    if (!plan.credentials.source.empty()) report.scan.options["onvif_credentials"] = plan.credentials.source;
    report.errors = std::move(plan.scope_errors);
    const auto& scope = *plan.scope;
    report.provenance = make_provenance(invocation, scan_context(args, scope), data);
    std::vector<std::string> paths;
    for (const auto& file : plan.files) paths.push_back(file.path);
    const net::PrivilegeOptions privileges{args.layer2.user};
    check_reports_writable(privileges, paths, args.output.sign_key);
    // Every raw handle (the SYN sweep's, the ARP sweep's, the capture's) is open before the drop.
    auto sweep = choose_sweep(sweep_request(args), scope);
    if (!sweep.note.empty() && !args.quiet) fmt::print(stderr, "camaudit: note: {}\n", sweep.note);
    options.fast_sweep = sweep.syn.get();
    Layer2Scan layer2(args.layer2, scope, report);
    drop_privileges_now(privileges, report);
    if (!args.quiet) {
        const engine::EstimateContext context{.stateless = sweep.syn != nullptr, .arp_addresses = layer2.arp_addresses()};
        fmt::print(stderr, "{}\n", engine::estimate_line(engine::estimate_scan(scope, options, context), options.rate));
    }
    auto swept = layer2.before_active(options.rate);
    for (const auto& o : swept)
        if (o.key == "arp.mac" && !o.ip.empty()) options.known_up.push_back(boost::asio::ip::make_address(o.ip));
    options.settled_by_arp = layer2.arp_settled();
    if (options.settled_by_arp && !args.no_discovery) report.scan.options["discovery"] = "arp+tcp";
    // Ctrl-C during the ARP sweep ends the run there: after_active marks it incomplete.
    auto result = layer2.interrupted() ? ActiveScanResult{} : run_active_scan(scope, options);
    options.fast_sweep = nullptr;
    const bool swept_syn = sweep.syn != nullptr;
    sweep.syn.reset();  // the SYN sweep's raw socket and capture are closed before discovery and the report
    layer2.after_active(result, options.udp_probes);
    report.scan.options["hosts_found_up"] = std::to_string(result.hosts_found_up);  // by discovery, resets included
    report.scan.options["discovery_probes"] = std::to_string(result.discovery_probes);  // TCP; ARP requests apart
    report.scan.options["timeout_learned_ms"] =
        result.timeout_learned.count() > 0 ? std::to_string(result.timeout_learned.count()) : "none";
    report.scan.options["rtt_samples"] = std::to_string(result.rtt_samples);
    report.scan.options["probes_sent"] = std::to_string(result.connects);  // discovery and sweep, retries included
    report.scan.options["sweep"] = !result.sweep.empty() ? result.sweep : swept_syn ? "syn" : "connect";
    result.observations.insert(result.observations.end(), swept.begin(), swept.end());
    finish_report(report, std::move(result), data);
    if (!args.waivers.empty()) {
        policy::apply_waivers(report.devices, plan.waivers, policy::utc_today());
        report.scan.options["waivers"] = args.waivers;
    }
    const bool syslog_delivered = args.syslog.empty() || send_syslog(args, report);

    write_report_files(report, plan.files, args.output);
    if (!args.quiet) {
        fmt::print(stderr, "{}", report::terminal_summary(report));
        if (!report.scan.capture_stats.empty()) print_capture_line(report);
        print_written(plan.files, args.output.sign_key);
        if (!args.syslog.empty())
            fmt::print(stderr, "camaudit: syslog: {} sent, {} dropped\n", report.scan.options["syslog_sent"],
                       report.scan.options["syslog_dropped"]);
    }
    if (!syslog_delivered && !best_effort(args, "syslog")) {
        fmt::print(stderr, "camaudit: error: syslog {} was not delivered (exit 3); --best-effort syslog makes this "
                           "a warning\n", args.syslog);
        return static_cast<int>(ExitCode::run_failure);
    }
    return exit_code_for(report, fail_on(args.fail_on));
}

}  // namespace camaudit::app
