// `camaudit demo`: enters a private network namespace (nothing to clean up: it ends with the
// process), starts the device lab on loopback there, scans it like `scan` would, and prints
// the compliance report. It exits 0 whatever the lab holds: it is a demonstration.
#include <app/demo_command.hpp>

#include <app/cli_style.hpp>
#include <app/provenance.hpp>

#include <app/active_scan.hpp>
#include <app/pipeline.hpp>
#include <app/data_dir.hpp>
#include <lab/lab.hpp>
#include <probes/port_table.hpp>
#include <probes/registry.hpp>
#include <report/report_writer.hpp>
#include <targets/target_set.hpp>

#include <algorithm>
#include <fmt/format.h>

namespace camaudit::app {

CLI::App* add_demo_command(CLI::App& app, DemoArgs& args) {
    auto* demo = app.add_subcommand("demo", "Scan the built-in device lab and print its compliance report");
    long_description(*demo, 
        "Start the built-in device lab (emulated cameras, NVRs and decoys from many makers)\n"
        "on loopback addresses inside a private network namespace that exists only for\n"
        "this process, scan it as `camaudit scan` would, and print the compliance report.\n"
        "No packet leaves the namespace. Runs unprivileged where the kernel allows user\n"
        "namespaces, and as root otherwise.");
    demo->add_option("--devices", args.devices, "Folder of lab device profiles (default: the installed lab)");
    demo->add_option("--fingerprints", args.fingerprints, "Data folder with signatures and regulations");
    demo->add_option("--out,-o", args.out, "Also write the report to this file ('-' for standard output)");
    demo->add_option("--format,-f", args.format, "Format of --out: json or text")
        ->type_name("FORMAT")->capture_default_str()->check(one_of({"json", "text"}));
    demo->add_flag("--quiet,-q", args.quiet, "Print only the summary, not the device table");
    // The lab holds prohibited devices on purpose, so the demo's 0 means "it ran", not "clean".
    static constexpr ExitStatus statuses[] = {
        {0, "the demo ran and printed the lab's report (the lab holds prohibited devices on purpose)"},
        {2, "usage error, or bad data or lab profiles"},
        {3, "the lab could not start (no network namespace) or the report could not be written"}};
    demo->footer(exit_status_block(statuses));
    return demo;
}

namespace {

// The status and the regulations behind it, short enough for a table row.
std::string status_text(const Device& device) {
    std::string text(to_string(device.compliance.status));
    const auto& findings = device.compliance.findings;
    if (findings.empty()) return text;
    const auto decisive = std::find_if(findings.begin(), findings.end(),
                                       [&](const Finding& f) { return f.status == text; });
    text += " (" + (decisive == findings.end() ? findings.front() : *decisive).policy;
    if (findings.size() > 1) text += fmt::format(" +{} more", findings.size() - 1);
    return text + ")";
}

void print_device_table(const Report& report) {
    fmt::print("{:<15} {:<13} {:<14} {:<26} {:<14} {}\n", "ADDRESS", "VENDOR", "BRAND", "MODEL",
               "TYPE", "STATUS");
    for (const auto& d : report.devices)
        fmt::print("{:<15} {:<13} {:<14} {:<26} {:<14} {}\n", d.ip, d.vendor.empty() ? "-" : d.vendor,
                   d.brand.empty() ? "-" : d.brand, d.model.empty() ? "-" : d.model.substr(0, 26),
                   d.device_type.empty() ? "-" : d.device_type, status_text(d));
}

ActiveScanOptions demo_scan_options(const LoadedData& data) {
    ActiveScanOptions options;
    options.ports = probes::parse_port_list("default");
    options.seed = 1;
    options.rate = 20000;  // loopback inside our own namespace: nothing else to spare
    options.concurrency = 256;
    options.timeout = std::chrono::milliseconds(1000);
    const auto selected = probes::select_probes("all");
    options.probes = selected.deep;
    options.udp_probes = selected.udp;
    options.udp_window = std::chrono::milliseconds(500);
    options.data = &data.probe_data;
    return options;
}

}  // namespace

int run_demo(const DemoArgs& args, const Invocation& invocation) {
    if (!args.out.empty() && args.out != "-") report::check_writable(args.out);
    lab::enter_private_network_namespace();
    const LoadedData data = load_data(args.fingerprints, {});
    lab::Lab lab(lab::load_profiles(lab_devices_dir(args.devices)));
    lab.start();
    const std::string range = "127.0.1.0/24";
    fmt::print(stderr, "camaudit demo: {} lab devices listening on {} in a private network namespace\n",
               lab.placements().size(), range);

    Report report = start_report("demo", {range}, {}, data, Shard{});
    const auto scope = targets::TargetSet::build({{range}, {}, false}, targets::system_resolver(), report.errors);
    report.provenance = make_provenance(invocation, {{}, {}, scope.interval_starts()}, data);
    auto result = run_active_scan(scope, demo_scan_options(data));
    lab.stop();
    finish_report(report, std::move(result), data);

    if (!args.quiet) print_device_table(report);
    fmt::print("\n{}", report::terminal_summary(report));
    if (!args.out.empty()) emit_report(report, args.out, args.format);
    return 0;
}

}  // namespace camaudit::app
