// `scan --config FILE`: the same options as the command line, from a TOML file, so a cron
// job or systemd timer keeps its scope in one reviewed place. Flags given on the command
// line win over the file.
#pragma once
#include <app/scan_command.hpp>

#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

// Applies every key of `file` that the command line did not set. Throws UsageError naming
// file:line and the key for a syntax error, an unknown key or a value of the wrong type.
void apply_scan_config(const std::string& file, const CLI::App& scan, ScanArgs& args);

}  // namespace camaudit::app
