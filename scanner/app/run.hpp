// The command line: subcommands, their options, and the mapping of failures to exit codes.
#pragma once

namespace camaudit::app {

// Parses argv, runs the subcommand, returns the process exit code (design.md):
// 0 clean, 1 prohibited devices found, 2 usage or configuration error, 3 run failure.
int run(int argc, char** argv);

}  // namespace camaudit::app
