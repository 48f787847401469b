// The whole result of one run: what every report format is a view of (camaudit.report/1).
#pragma once
#include <camaudit/device.hpp>
#include <camaudit/observation.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace camaudit {

inline constexpr const char* report_schema = "camaudit.report/1";

struct ReportError {
    std::string target;  // address, host name or expression
    std::string probe;
    std::string message;
};

// One scope entry and where it came from: "command line" or "FILE:LINE" of a config.
struct ScopeSource {
    std::string target;
    std::string source;
};

struct ScanInfo {
    std::string id;
    std::string mode;  // "active", "passive", "demo"
    TimePoint started{};
    TimePoint finished{};
    bool complete = true;
    std::vector<std::string> targets;
    std::vector<std::string> excluded;
    std::vector<ScopeSource> exclusions;  // `excluded` with the origin of each entry
    std::string targets_source;           // "command line" or "FILE:LINE" of a config
    std::vector<std::string> policies;
    // The policy profile the statuses follow (--profile): its id, "all" by default (no
    // --profile given), and its title (empty for the default). Empty id: not recorded.
    std::string policy_profile;
    std::string policy_profile_title;
    std::string shard;  // "K/N"
    std::uint64_t hosts_probed = 0;
    std::uint64_t hosts_up = 0;
    std::map<std::string, std::uint64_t> capture_stats;
    std::map<std::string, std::string> options;
};

// One body of data the run loaded, named by content so two reports can be told apart.
struct DataSource {
    std::string kind;     // "signatures", "site_signatures", "regulations", "oui_registry"
    std::string path;     // the folder read
    std::string sha256;   // over the sorted relative file names and their contents
    std::uint64_t files = 0;
    std::uint64_t entries = 0;  // oui_registry: assignments loaded; else 0
    std::string date;           // oui_registry: YYYY-MM-DD of the registry; else empty
    std::string date_source;    // oui_registry: ".lastupdate" (Debian's stamp) or "file mtime"
};

// How the report was made: who ran what, from where, with which build and which data. Empty
// (no command line) in a report not made by a run, e.g. a test's.
struct Provenance {
    std::vector<std::string> command_line;  // argv with secrets replaced by "<redacted>"
    std::map<std::string, std::string> environment;  // CAMAUDIT_* variables set; secrets "<redacted>"
    std::string config_path;                // --config as given; empty when none
    std::string config_absolute;
    std::string config_sha256;
    std::string host;                        // the scanner's host name
    std::vector<std::string> source_addresses;  // distinct local addresses the kernel routes from
    std::vector<std::string> interfaces;        // --arp/--discover/--passive-while-scanning/-i
    std::string git_commit;                  // the build's commit, "unknown" outside a git checkout
    std::vector<DataSource> data;
};

struct Report {
    std::string tool_version;
    ScanInfo scan;
    Provenance provenance;
    std::vector<Device> devices;
    std::vector<ReportError> errors;
};

}  // namespace camaudit
