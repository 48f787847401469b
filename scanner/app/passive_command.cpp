// `camaudit passive`: everything that can fail is checked before the first packet (data,
// outputs, decoders, the capture handle and its filter); then capture, identify, apply
// policy, write the report, exit with its verdict.
#include <app/passive_command.hpp>
#include <app/policy_options.hpp>

#include <app/cli_style.hpp>
#include <app/least_privilege.hpp>
#include <app/provenance.hpp>

#include <app/pipeline.hpp>
#include <app/waivers_command.hpp>
#include <camaudit/error.hpp>
#include <net/pcap_source.hpp>
#include <net/privileges.hpp>
#include <passive/capture_run.hpp>
#include <passive/registry.hpp>
#include <policy/waivers.hpp>
#include <report/report_writer.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>
#include <unistd.h>

namespace camaudit::app {

CLI::App* add_passive_command(CLI::App& app, PassiveArgs& args) {
    auto* passive = app.add_subcommand("passive", "Listen (live or from a capture file) and report the devices heard");
    long_description(*passive, 
        "Name the devices on a network from the traffic they send, without sending anything:\n"
        "ARP, DHCP, discovery announcements and answers (WS-Discovery, SADP, Dahua), clear-text\n"
        "HTTP and RTSP replies and TLS certificates. Either read a capture file (--read, pcap or\n"
        "pcapng; Ethernet, 802.1Q/QinQ VLAN, Linux cooked SLL/SLL2 and raw IP link types) or\n"
        "listen on an interface (--interface; needs CAP_NET_RAW). The report is the same as\n"
        "'camaudit scan' writes, with mode \"passive\" and the capture statistics in\n"
        "scan.capture_stats (packets, kernel_dropped, malformed, decoded.<decoder>, ...).");
    auto* read = passive->add_option("--read,-r", args.read, "Capture file to read (pcap or pcapng)")->type_name("FILE");
    auto* interface = passive->add_option("--interface,-i", args.interface, "Interface to listen on")->type_name("IF");
    read->excludes(interface);
    interface->excludes(read);
    passive->add_option("--duration,-d", args.duration, "Live: stop after this long (90s, 15m, 2h); default: until Ctrl-C")
        ->type_name("DURATION");
    passive->add_option("--filter", args.filter, "BPF capture filter (pcap-filter(7)); live default: the decoders' own")
        ->type_name("BPF");
    std::vector<std::string> decoder_names;
    for (const PassiveDecoder* decoder : passive::all_decoders()) decoder_names.emplace_back(decoder->name);
    passive->add_option("--decoders", args.decoders,
                        fmt::format("Decoders to run, comma list, or all: {}", fmt::join(decoder_names, ", ")))
        ->type_name("LIST")->capture_default_str()->check(list_of(decoder_names));
    passive->add_flag("--promiscuous", args.promiscuous, "Live: put the interface in promiscuous mode (mirror ports)");
    passive->add_option("--snaplen", args.snaplen, "Live: bytes kept per packet")->type_name("BYTES")->capture_default_str()->check(number_in(128, 262144));
    passive->add_option("--user", args.user,
                        "As root: the account to become once the capture or file is open (default: the account that "
                        "ran sudo, else nobody; 'root' keeps root)")
        ->type_name("NAME");
    add_report_output_options(*passive, args.output);
    add_policy_options(*passive, args.profile, args.policies, args.fail_on);
    passive->add_option("--fingerprints", args.fingerprints, "Data folder with signatures and regulations");
    passive->add_option("--site-fingerprints", args.site_fingerprints, "Folder of the site's own signature files (repeatable)");
    passive->add_option("--waivers", args.waivers, "TOML file of approved, dated waivers (docs/waivers.md)");
    passive->add_flag("--quiet,-q", args.quiet, "No summary on standard error");
    passive->add_flag("--progress", args.progress, "A progress line every second, even when stderr is not a terminal");
    passive->add_flag("--no-progress", args.no_progress, "No progress line, even on a terminal");
    passive->footer(
        "EXAMPLES\n"
        "  camaudit passive --read site.pcapng --out site.json\n"
        "  camaudit passive --read mirror.pcap --decoders arp,dhcp --format text --out -\n"
        "  sudo camaudit passive --interface eth0 --duration 15m --out reports/\n"
        "  camaudit passive -i eth0.20 -d 1h --filter 'arp or udp port 67' \\\n"
        "      --policy us-ndaa-889\n\n"
        "PRIVILEGES\n"
        "  Live capture needs CAP_NET_RAW: run with sudo, or once\n"
        "    sudo setcap cap_net_raw,cap_net_admin+eip $(command -v camaudit)\n"
        "  Started as root, camaudit opens the capture (or the file) and then becomes\n"
        "  --user (the account that ran sudo, else nobody), with no capability and\n"
        "  no_new_privs. Reading a file needs no privilege.\n\n" +
        exit_status_block(audit_exit_statuses()) +
        "  A live capture without --duration ends at Ctrl-C and is complete; a capture\n"
        "  file cut short, or a signal before --duration ran out, makes it incomplete.\n\n"
        "See docs/passive.md for link types, statistics and limits.");
    return passive;
}

void print_capture_line(const Report& report) {
    const auto& stats = report.scan.capture_stats;
    const auto get = [&](const std::string& key) { return stats.contains(key) ? stats.at(key) : 0; };
    std::string decoded;
    for (const auto& [key, value] : stats)
        if (key.starts_with("decoded.") && value > 0) decoded += fmt::format(" {} {}", key.substr(8), value);
    fmt::print(stderr, "camaudit: capture: {} packets, {} malformed, {} kernel-dropped{}; decoded:{}\n", get("packets"),
               get("malformed"), get("kernel_dropped"), get("truncated") ? ", file cut short" : "",
               decoded.empty() ? " nothing" : decoded);
}

std::chrono::seconds parse_capture_duration(const std::string& text) {
    const auto value = duration_value(text, "s");
    if (!value || *value < std::chrono::seconds(1) || *value > std::chrono::hours(24 * 366))
        throw UsageError(fmt::format("bad --duration '{}'", text), "e.g. 90s, 15m, 2h, 1h30m (from 1s to a year)");
    return std::chrono::duration_cast<std::chrono::seconds>(*value);
}

namespace {

net::PcapSource open_source(const PassiveArgs& args) {
    if (!args.read.empty()) return net::PcapSource::open_file(args.read);
    net::LiveCaptureOptions live;
    live.interface = args.interface;
    live.snaplen = args.snaplen;
    live.promiscuous = args.promiscuous;
    return net::PcapSource::open_live(live);
}

std::map<std::string, std::string> recorded_options(const PassiveArgs& args, const std::string& filter) {
    std::map<std::string, std::string> options = {{"decoders", args.decoders}, {"filter", filter}, {"fail_on", args.fail_on}};
    if (!args.read.empty()) options["read"] = args.read;
    if (!args.interface.empty()) options["interface"] = args.interface;
    if (!args.duration.empty()) options["duration"] = args.duration;
    return options;
}

}  // namespace

int run_passive(const PassiveArgs& args, const Invocation& invocation) {
    if (args.read.empty() == args.interface.empty())
        throw UsageError("give exactly one of --read FILE or --interface IF",
                         "e.g. camaudit passive --read site.pcapng (see camaudit passive --help)");
    passive::CaptureOptions options;
    options.decoders = passive::select_decoders(args.decoders);
    options.source_name = args.read.empty() ? args.interface : args.read;
    if (!args.duration.empty()) options.duration = parse_capture_duration(args.duration);
    options.progress = !args.no_progress && (args.progress || (!args.quiet && isatty(STDERR_FILENO)));
    const auto files = planned_outputs(args.output);
    const LoadedData data = load_data(args.fingerprints, args.policies, args.site_fingerprints, args.profile);
    if (const auto note = default_profile_note(data); !note.empty() && !args.quiet) fmt::print(stderr, "{}\n", note);
    const auto waivers = args.waivers.empty() ? std::vector<policy::Waiver>{} : load_checked_waivers(args.waivers, data.dir);

    const net::PrivilegeOptions privileges{args.user};
    std::vector<std::string> paths;
    for (const auto& file : files) paths.push_back(file.path);
    check_reports_writable(privileges, paths, args.output.sign_key);  // the report is written after the drop to --user
    std::optional<net::PcapSource> source(open_source(args));
    const std::string filter = args.filter.empty() ? passive::capture_filter(options.decoders) : args.filter;
    const bool filtered = source->live() || !args.filter.empty();
    if (filtered && !filter.empty()) source->set_filter(filter);
    Report report = start_report("passive", {options.source_name}, {}, data, Shard{});
    report.scan.options = recorded_options(args, filtered ? filter : std::string());
    report.provenance = make_provenance(invocation, {{}, {args.interface}, {}}, data);  // sends nothing
    // A capture file is hostile input too: its decoders run without privileges either way.
    drop_privileges_now(privileges, report);

    auto result = passive::run_capture(*source, options);
    source.reset();  // the capture is over: the packet socket (or file) is closed before the report
    report.scan.finished = Clock::now();
    report.scan.complete = result.complete;
    if (!result.complete) report.scan.options["stopped"] = result.stop_reason;
    passive::record_capture(result, report);
    build_devices(report, result.observations, data);
    report.scan.hosts_up = report.devices.size();
    if (!waivers.empty()) policy::apply_waivers(report.devices, waivers, policy::utc_today());

    write_report_files(report, files, args.output);
    if (!args.quiet) {
        print_capture_line(report);
        fmt::print(stderr, "{}", report::terminal_summary(report));
        print_written(files);
    }
    return exit_code_for(report, fail_on(args.fail_on));
}

}  // namespace camaudit::app
