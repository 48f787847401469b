// `camaudit waivers check FILE`: validates a waiver file as the nightly run would read it
// (every field, one device key, MAC and address syntax, known regulation ids, no twins) and
// lists what each waiver covers and until when, so it can be fixed before the night's run.
#pragma once
#include <policy/waivers.hpp>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace camaudit::app {

struct WaiversArgs {
    std::string file;
    std::string fingerprints;  // data folder whose regulations the ids are checked against
};

CLI::App* add_waivers_command(CLI::App& app, WaiversArgs& args);
int run_waivers_check(const WaiversArgs& args);

// load_waivers, then every regulation id checked against the data folder's regulations.
std::vector<policy::Waiver> load_checked_waivers(const std::string& file, const std::filesystem::path& data_dir);

}  // namespace camaudit::app
