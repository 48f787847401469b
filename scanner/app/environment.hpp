// camaudit's environment variables in one table: each is checked like the flag or config key
// it stands beside (the validators of cli_style.hpp), and recorded in the report's provenance
// with the secrets' values replaced.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace camaudit::app {

inline constexpr std::string_view redacted_value = "<redacted>";

// Every camaudit variable that is set (and not empty) is checked; the first bad one throws a
// UsageError (exit 2) naming the variable and what is wrong with it; a secret's value is
// never quoted.
void check_environment();

// The camaudit variables that are set, by name, secrets as "<redacted>".
std::map<std::string, std::string> recorded_environment();

}  // namespace camaudit::app
