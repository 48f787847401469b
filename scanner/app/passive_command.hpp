// `camaudit passive`: listen on an interface or read a capture file, name the devices from
// what they sent, and write the same report as scan (mode "passive").
#pragma once
#include <app/report_output.hpp>
#include <camaudit/report.hpp>

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace camaudit::app {

struct PassiveArgs {
    std::string read;        // capture file (pcap or pcapng)
    std::string interface;   // live capture
    std::string duration;    // live: "15m", "90s", "2h"; empty = until Ctrl-C
    std::string filter;      // BPF; default: built from the decoders in use
    std::string decoders = "all";
    std::string user;        // live as root: the account to drop to (default nobody)
    bool promiscuous = false;
    int snaplen = 65535;
    ReportOutputArgs output;
    std::string profile;  // --profile; empty: the default "all"
    std::vector<std::string> policies;
    std::string fingerprints;
    std::vector<std::string> site_fingerprints;
    std::string waivers;
    std::string fail_on = "prohibited";
    bool quiet = false;
    bool progress = false;
    bool no_progress = false;
};

CLI::App* add_passive_command(CLI::App& app, PassiveArgs& args);
struct Invocation;  // provenance.hpp
int run_passive(const PassiveArgs& args, const Invocation& invocation);

// The terminal's capture line from report.scan.capture_stats: "camaudit: capture: 103 packets,
// 0 malformed, 0 kernel-dropped; decoded: arp 2 dhcp 1" (passive, scan --passive-while-scanning).
void print_capture_line(const Report& report);

// "90s", "15m", "2h", "1h30m" or plain seconds; UsageError otherwise.
std::chrono::seconds parse_capture_duration(const std::string& text);

}  // namespace camaudit::app
