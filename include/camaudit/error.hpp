// The three kinds of failure that end a run, each mapped to one exit code (design.md).
#pragma once
#include <stdexcept>
#include <string>

namespace camaudit {

// Exit codes, as design.md fixes them; the words for each: app/cli_style.cpp, README.
enum class ExitCode : int { clean = 0, prohibited = 1, usage = 2, run_failure = 3, incomplete = 4 };

// A bad flag, target or config value (exit 2). `hint` tells the user how to proceed.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message, std::string hint = {})
        : std::runtime_error(message), hint_(std::move(hint)) {}
    const std::string& hint() const { return hint_; }

private:
    std::string hint_;
};

// A data file (signatures, regulations, profiles) that does not load; the message names
// file and rule id (exit 2: the installation or the user's --fingerprints folder is wrong).
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The run cannot proceed: the report cannot be written, no permission to capture (exit 3).
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace camaudit
