// The commands that only read the data folder: `fingerprints test`, `fingerprints explain`
// and `policies`.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace camaudit::app {

struct DataArgs {
    std::string fingerprints;
    std::vector<std::string> site_fingerprints;  // --site-fingerprints DIR (repeatable)
    bool verbose = false;
    // fingerprints explain
    CLI::App* explain = nullptr;  // set by add_fingerprints_command; parsed() = explain chosen
    std::string key;
    std::string value;
    std::string report;
    std::string ip;
};

// `fingerprints test` and `fingerprints explain`; run_fingerprints_test runs whichever was chosen.
CLI::App* add_fingerprints_command(CLI::App& app, DataArgs& args);
int run_fingerprints_test(const DataArgs& args);
int run_fingerprints_explain(const DataArgs& args);

CLI::App* add_policies_command(CLI::App& app, DataArgs& args);
int run_policies(const DataArgs& args);

}  // namespace camaudit::app
