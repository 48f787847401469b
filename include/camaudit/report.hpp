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
    std::string shard;  // "K/N"
    std::uint64_t hosts_probed = 0;
    std::uint64_t hosts_up = 0;
    std::map<std::string, std::uint64_t> capture_stats;
    std::map<std::string, std::string> options;
};

struct Report {
    std::string tool_version;
    ScanInfo scan;
    std::vector<Device> devices;
    std::vector<ReportError> errors;
};

}  // namespace camaudit
