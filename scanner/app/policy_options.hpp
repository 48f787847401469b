// The options that pick the rules and the exit code, shared by scan, passive and discover:
// --profile, --policy and --fail-on (docs/regulations.md).
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace camaudit::app {

// `profile` empty means the default profile "all"; `policies` are --policy ids.
void add_policy_options(CLI::App& command, std::string& profile, std::vector<std::string>& policies,
                        std::string& fail_on);

}  // namespace camaudit::app
