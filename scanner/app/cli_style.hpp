// How every subcommand's options take values and how its help reads: one value per use (an
// option never swallows the targets written after it), 80 columns, a plain metavar with the
// default in the text, and the EXIT STATUS block from one table.
#pragma once
#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::app {

inline constexpr std::size_t help_width = 80;

// Help text wrapped to help_width: "  --name METAVAR   description [default: X]".
std::shared_ptr<CLI::Formatter> help_formatter();

// The text `command --help` opens with, re-flowed to help_width (paragraphs split at blank
// lines; a line that starts with spaces is kept as it is); the one-line summary given to
// add_subcommand stays what `camaudit --help` lists.
void long_description(CLI::App& command, std::string text);

// Every option of `app` and its subcommands that takes several values takes exactly one per
// use (repeat the option, or give a comma list where the option says so).
void one_value_per_use(CLI::App& app);

struct ExitStatus {
    int code;
    std::string_view meaning;
};
// scan, passive and discover: the table README, docs/scheduling.md and the tests check.
std::span<const ExitStatus> audit_exit_statuses();
// "EXIT STATUS\n  0  ...\n" wrapped to help_width.
std::string exit_status_block(std::span<const ExitStatus> rows);

// A command whose one subcommand is `check` (`config check`, `waivers check`): the parent
// refuses to run alone and says so in its EXIT STATUS. Returns the `check` subcommand.
CLI::App* add_check_command(CLI::App& app, const std::string& name, const std::string& summary,
                            const std::string& check_summary);

// A value from a fixed list; its help names the list, its error quotes the value and the list.
CLI::Validator one_of(std::vector<std::string> names);
// Each comma-separated item from the list (or "all").
CLI::Validator list_of(std::vector<std::string> names);

// "1h30m", "1.5s", "500ms"; a bare number alone is in `bare_unit` ("ms" or "s"). Nothing
// when malformed. The one duration syntax of every option, config key and subcommand.
std::optional<std::chrono::milliseconds> duration_value(std::string_view text, std::string_view bare_unit);

// A duration: 1500ms, 90s, 1.5s, 15m, 2h; a bare number is in `bare_unit` ("ms" or "s").
// Transforms the value into a whole number of `bare_unit` within [low, high] (as written).
CLI::Validator duration_in(std::string bare_unit, std::chrono::milliseconds low, std::chrono::milliseconds high);
// A number within [low, high], refused with the range in words.
CLI::Validator number_in(double low, double high);

// A value that `parse` accepts; the UsageError it throws becomes the option's error.
CLI::Validator accepted_by(std::function<void(const std::string&)> parse);

// The closest of `known` to `word` by edit distance, or empty when none is close.
std::string nearest_name(std::string_view word, const std::vector<std::string>& known);

}  // namespace camaudit::app
