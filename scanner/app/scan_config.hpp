// `scan --config FILE`: the same options as the command line, from a TOML file, so a cron
// job or systemd timer keeps its scope in one reviewed place. Flags given on the command
// line win over the file, except exclusions, which add up.
#pragma once
#include <app/scan_command.hpp>

#include <CLI/CLI.hpp>
#include <set>
#include <string>

namespace camaudit::app {

// Applies every key of `file` through the scan option of the same name (its checks, ranges
// and conversions), unless the command line set it; `exclude` adds to the command line's and
// appends each entry's origin to args.exclude_sources (the caller records the command line's). Relative paths resolve against the
// file's folder. Throws UsageError naming file:line and the key (and the nearest known key
// for an unknown one).
void apply_scan_config(const std::string& file, CLI::App& scan, ScanArgs& args);

// The option a config key stands for: max_duration is --max-duration (targets: "targets").
std::string option_name(const std::string& key);

// Keys whose values are secrets: they have no flag (a flag shows in `ps`), only the config
// file and the environment, and never appear in a report (provenance redacts them).
const std::set<std::string>& secret_keys();

}  // namespace camaudit::app
