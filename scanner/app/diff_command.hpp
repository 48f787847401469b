// `camaudit diff OLD.json NEW.json`: what changed between two audits, for a cron job to act on.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

struct DiffArgs {
    std::string before;
    std::string after;
    std::string format = "text";  // text or json
    std::string out = "-";
    std::string fail_on = "prohibited";
};

CLI::App* add_diff_command(CLI::App& app, DiffArgs& args);
// 1 when a device is newly prohibited (or, with --fail-on review, newly in review); else 0.
int run_diff(const DiffArgs& args);

}  // namespace camaudit::app
