// `camaudit config check FILE`: validates a scan config as the nightly run would read it
// (every key through its option, the rules between options, data, waivers, report paths,
// target syntax), without resolving a name or sending a packet.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

struct ConfigArgs {
    std::string file;
};

CLI::App* add_config_command(CLI::App& app, ConfigArgs& args);
int run_config_check(const ConfigArgs& args);

}  // namespace camaudit::app
