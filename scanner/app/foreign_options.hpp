// Other scanners' spellings on a camaudit command line. nmap, masscan and zmap users type
// their habits (`-oX out.xml`, `-iL hosts.txt`, `-Pn`); CLI11 would read most of them as
// something else (`-oX` as --out X). Each is either refused with exit 2 and the camaudit way
// to say it, or, where the meaning is the same, rewritten to the camaudit option.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::app {

struct ForeignOption {
    std::string_view token;        // as the other tool spells it
    std::string_view tool;         // "nmap", "masscan", "zmap", or several
    std::string_view camaudit;     // the camaudit way, shown in the refusal or the alias note
    bool alias = false;            // same meaning: rewritten instead of refused
    std::string_view option;       // alias: the camaudit option it becomes ("" = a positional)
    bool takes_value = false;      // alias: its value follows (the next token, or after '=')
    std::string_view value_prefix; // alias: put before the value ("@" makes a file argument)
};

// The table documented in docs/nmap-users.md.
const std::vector<ForeignOption>& foreign_options();

// `scan`'s arguments (after the subcommand) with aliases rewritten; throws UsageError on a
// refused token, quoting it, naming the tool and the camaudit way. Stops at "--".
std::vector<std::string> translate_foreign_options(const std::vector<std::string>& args);

}  // namespace camaudit::app
