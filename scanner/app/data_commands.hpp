// The commands that only read the data folder: `fingerprints test` and `policies`.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

struct DataArgs {
    std::string fingerprints;
    bool verbose = false;
};

CLI::App* add_fingerprints_command(CLI::App& app, DataArgs& args);
int run_fingerprints_test(const DataArgs& args);

CLI::App* add_policies_command(CLI::App& app, DataArgs& args);
int run_policies(const DataArgs& args);

}  // namespace camaudit::app
