// `camaudit scan`: its options, its help, and the run from targets to report.
#pragma once
#include <CLI/CLI.hpp>
#include <app/layer2_scan.hpp>
#include <app/credentials.hpp>
#include <app/pipeline.hpp>
#include <app/report_output.hpp>
#include <policy/waivers.hpp>
#include <targets/target_set.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace camaudit::app {

// The safe range of --max-observations-per-host (docs/security.md). The floor sits well above
// what a normal camera yields (the busiest lab profile: 200-300 observations, one per answer
// header line and path on each port), so no cap a user may set trims a normal device's evidence.
inline constexpr unsigned observations_per_host_floor = 500;
inline constexpr unsigned observations_per_host_ceiling = 100000;

struct ScanArgs {
    std::vector<std::string> targets;
    std::vector<std::string> exclude;
    std::vector<ScopeSource> exclude_sources;  // each exclusion and where it came from
    std::string targets_source = "command line";
    std::string ports = "default";
    double rate = 1000;
    std::size_t concurrency = 256;
    unsigned timeout_ms = 1500;
    int retries = 1;
    bool no_discovery = false;        // every address taken as up (nmap -Pn)
    bool no_adaptive_timing = false;  // the port sweep waits --timeout, not the learned one
    bool syn = false;                 // --syn (nmap -sS): the SYN sweep or exit 2
    bool connect = false;             // --connect (nmap -sT): the connect sweep even with CAP_NET_RAW
    unsigned host_budget_s = 30;      // deep probes of one host at most, seconds
    std::optional<std::uint64_t> seed;
    std::string shard = "1/1";
    ReportOutputArgs output;  // --out, --format, --html/--csv/--ndjson views, --sign
    std::string syslog;      // udp://HOST:PORT or tcp://HOST:PORT
    std::string syslog_format = "rfc5424";
    std::vector<std::string> best_effort;  // outputs whose failed delivery only warns: syslog
    std::string waivers;     // TOML file, docs/waivers.md
    std::string probes = "all";
    std::string profile;  // --profile; empty: the default "all"
    std::vector<std::string> policies;
    std::string fingerprints;
    std::vector<std::string> site_fingerprints;  // extra signature folders on top of the data
    std::string config;
    std::string onvif_credentials;  // a 0600 file with username/password lines (never the secret itself)
    std::string snmp_community;     // config key snmp_community only (a secret: no flag, never reported)
    std::string fail_on = "prohibited";
    unsigned max_duration_s = 0;                 // 0 = no limit
    unsigned exchange_timeout_ms = 4000;         // per-exchange limits, docs/security.md
    unsigned max_body_kib = 256;
    unsigned max_observations_per_host = 2000;
    bool allow_large = false;
    bool quiet = false;
    bool progress = false;
    bool no_progress = false;
    bool dry_run = false;  // check and print the plan, send nothing
    Layer2Args layer2;  // --arp, --interface, --discover, --user (layer2_scan.hpp)
};

CLI::App* add_scan_command(CLI::App& app, ScanArgs& args);
struct Invocation;  // provenance.hpp
int run_scan(const ScanArgs& args, const Invocation& invocation);

// The rules between options that no single option can check (a target given; --shard needs
// --seed). Throws UsageError.
void check_scan_args(const ScanArgs& args);

// Everything a scan can check before its first packet: the options' rules, the report files,
// waivers, credentials, data, and the scope (names resolved by `resolve`).
struct ScanPlan {
    std::vector<ReportFile> files;
    std::vector<policy::Waiver> waivers;
    LoadedCredentials credentials;
    LoadedData data;
    std::optional<targets::TargetSet> scope;
    std::vector<ReportError> scope_errors;  // names that did not resolve
};
ScanPlan plan_scan(const ScanArgs& args, const targets::Resolver& resolve);

}  // namespace camaudit::app
