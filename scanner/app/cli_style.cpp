// The command line's shared habits (cli_style.hpp): value taking, help layout, validators.
#include <app/cli_style.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>
#include <sstream>

namespace camaudit::app {
namespace {

constexpr std::size_t name_column = 30;

// Words of `text` laid out in lines of at most `width`, each but the first indented by `indent`.
std::string wrap(std::string_view text, std::size_t indent, std::size_t width) {
    std::string out;
    std::size_t column = indent;
    std::istringstream words{std::string(text)};
    for (std::string word; words >> word;) {
        if (column > indent && column + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
        } else if (column > indent) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
    }
    return out;
}

// The metavar without CLI11's validator descriptions ("FLOAT:FLOAT in [0.1 - 1e+06]" → FLOAT).
std::string plain_type_name(const CLI::Option* option) {
    std::string name = option->get_type_name();
    if (const auto colon = name.find(':'); colon != std::string::npos) name.resize(colon);
    // CLI11's C++ type words say nothing to a user; an option that names no metavar gets these.
    if (name == "TEXT") return "VALUE";
    if (name == "INT" || name == "UINT" || name == "FLOAT") return "N";
    return name;
}

std::map<const CLI::App*, std::string>& long_descriptions() {
    static std::map<const CLI::App*, std::string> texts;
    return texts;
}

// Paragraphs re-flowed to `width`; indented lines (examples, tables) kept as they are.
std::string reflow(const std::string& text, std::size_t width) {
    std::string out, paragraph;
    const auto flush = [&] {
        if (!paragraph.empty()) out += wrap(paragraph, 0, width) + "\n";
        paragraph.clear();
    };
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) {
            flush();
            out += "\n";
        } else if (line.starts_with(" ")) {
            flush();
            out += line + "\n";
        } else {
            paragraph += (paragraph.empty() ? "" : " ") + line;
        }
    }
    flush();
    return out;
}

// "  left      description", the description wrapped in its column (on the next line when
// `left` fills the first column).
std::string two_columns(const std::string& left, const std::string& description) {
    const std::string desc = wrap(description, name_column, help_width);
    if (left.size() >= name_column) return left + "\n" + std::string(name_column, ' ') + desc + "\n";
    return left + std::string(name_column - left.size(), ' ') + desc + "\n";
}

class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter() { column_width(name_column); }

    std::string make_description(const CLI::App* app) const override {
        const auto found = long_descriptions().find(app);
        if (found == long_descriptions().end()) return CLI::Formatter::make_description(app);
        return reflow(found->second, help_width) + "\n";
    }

    std::string make_option_opts(const CLI::Option* option) const override {
        if (option->get_type_size() == 0) return {};
        const auto type = plain_type_name(option);
        return type.empty() ? std::string() : " " + type;
    }

    std::string make_option_desc(const CLI::Option* option) const override {
        std::string text = option->get_description();
        if (!option->get_default_str().empty() && option->get_type_size() != 0)
            text += fmt::format(" [default: {}]", option->get_default_str());
        return text;
    }

    std::string make_subcommand(const CLI::App* sub) const override {
        return two_columns("  " + sub->get_display_name(), sub->get_description());
    }

    std::string make_option(const CLI::Option* option, bool is_positional) const override {
        return two_columns("  " + make_option_name(option, is_positional) + make_option_opts(option),
                           make_option_desc(option));
    }
};

// "1h30m", "1.5s", "500ms", "90"; the sum in milliseconds, or nothing when malformed.
std::optional<double> duration_ms(std::string_view text, std::string_view bare_unit) {
    if (text.empty()) return std::nullopt;
    double total = 0;
    while (!text.empty()) {
        std::size_t digits = 0;
        while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
            ++digits;
        if (digits == 0 || digits > 12) return std::nullopt;
        double value = 0;
        try {
            value = std::stod(std::string(text.substr(0, digits)));
        } catch (const std::exception&) {
            return std::nullopt;
        }
        text.remove_prefix(digits);
        std::size_t letters = 0;
        while (letters < text.size() && std::isalpha(static_cast<unsigned char>(text[letters]))) ++letters;
        std::string_view unit = text.substr(0, letters);
        text.remove_prefix(letters);
        if (unit.empty()) {
            if (!text.empty() || total > 0) return std::nullopt;  // a bare number stands alone
            unit = bare_unit;
        }
        static constexpr std::pair<std::string_view, double> scales[] = {{"ms", 1}, {"s", 1e3}, {"m", 6e4}, {"h", 3.6e6}};
        const auto* scale = std::find_if(std::begin(scales), std::end(scales), [&](const auto& s) { return s.first == unit; });
        if (scale == std::end(scales)) return std::nullopt;
        total += value * scale->second;
    }
    return total;
}

std::string duration_words(std::chrono::milliseconds value) {
    const auto ms = value.count();
    if (ms % 3'600'000 == 0) return fmt::format("{}h", ms / 3'600'000);
    if (ms % 60'000 == 0) return fmt::format("{}m", ms / 60'000);
    if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
    return fmt::format("{}ms", ms);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::optional<std::chrono::milliseconds> duration_value(std::string_view text, std::string_view bare_unit) {
    const auto ms = duration_ms(text, bare_unit);
    if (!ms || *ms > 1e12) return std::nullopt;
    return std::chrono::milliseconds(std::llround(*ms));
}

void long_description(CLI::App& command, std::string text) { long_descriptions()[&command] = std::move(text); }

std::shared_ptr<CLI::Formatter> help_formatter() { return std::make_shared<HelpFormatter>(); }

void one_value_per_use(CLI::App& app) {
    for (CLI::Option* option : app.get_options()) {
        if (!option->get_positional() && option->get_expected_max() > 1) option->allow_extra_args(false);
    }
    for (CLI::App* sub : app.get_subcommands({})) one_value_per_use(*sub);
}

std::span<const ExitStatus> audit_exit_statuses() {
    static constexpr ExitStatus rows[] = {
        {0, "complete, nothing prohibited"},
        {1, "prohibited devices found, complete or not (--fail-on review, unknown or advisory widens it)"},
        {2, "usage or configuration error: nothing was scanned"},
        {3, "the run failed: no permission, or an output asked for (report file, syslog) "
            "was not delivered; wins over 1 and 4"},
        {4, "incomplete (interrupted, time limit) and nothing prohibited found so far"},
    };
    return rows;
}

std::string exit_status_block(std::span<const ExitStatus> rows) {
    std::string out = "EXIT STATUS\n";
    for (const auto& row : rows) out += fmt::format("  {}  {}\n", row.code, wrap(row.meaning, 5, help_width));
    return out;
}

CLI::Validator one_of(std::vector<std::string> names) {
    const std::string listed = fmt::format("{}", fmt::join(names, ", "));
    return CLI::Validator(
        [names, listed](std::string& value) -> std::string {
            if (std::find(names.begin(), names.end(), value) != names.end()) return {};
            const auto near = nearest_name(value, names);
            return fmt::format("'{}' is not one of: {}{}", value, listed, near.empty() ? "" : " (did you mean '" + near + "'?)");
        },
        "");
}

CLI::Validator list_of(std::vector<std::string> names) {
    names.emplace_back("all");
    return CLI::Validator(
        [names](std::string& value) -> std::string {
            std::istringstream items(value);
            for (std::string item; std::getline(items, item, ',');) {
                if (std::find(names.begin(), names.end(), item) != names.end()) continue;
                const auto near = nearest_name(item, names);
                return fmt::format("unknown '{}'; known: {}{}", item, fmt::join(names, ", "),
                                   near.empty() ? "" : " (did you mean '" + near + "'?)");
            }
            return {};
        },
        "");
}

CLI::Validator duration_in(std::string bare_unit, std::chrono::milliseconds low, std::chrono::milliseconds high) {
    return CLI::Validator(
        [bare_unit, low, high](std::string& value) -> std::string {
            const auto ms = duration_ms(value, bare_unit);
            const auto range = fmt::format("{}-{}", duration_words(low), duration_words(high));
            if (!ms) return fmt::format("'{}' is not a duration; write e.g. 500ms, 90s, 15m, 2h or 1h30m "
                                        "(a bare number is {})", value, bare_unit == "ms" ? "milliseconds" : "seconds");
            if (*ms < static_cast<double>(low.count()) || *ms > static_cast<double>(high.count()))
                return fmt::format("'{}' is out of range ({})", value, range);
            const double in_unit = bare_unit == "ms" ? *ms : *ms / 1000;
            value = fmt::format("{}", static_cast<std::uint64_t>(std::llround(in_unit)));
            return {};
        },
        "");
}

CLI::Validator number_in(double low, double high) {
    return CLI::Validator(
        [low, high](std::string& value) -> std::string {
            double number = 0;
            std::size_t used = 0;
            try {
                number = std::stod(value, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || used != value.size() || !std::isfinite(number))
                return fmt::format("'{}' is not a number ({}-{})", value, low, high);
            if (number < low || number > high) return fmt::format("'{}' is out of range ({}-{})", value, low, high);
            return {};
        },
        "");
}

CLI::Validator accepted_by(std::function<void(const std::string&)> parse) {
    return CLI::Validator(
        [parse](std::string& value) -> std::string {
            try {
                parse(value);
            } catch (const UsageError& error) {
                return error.hint().empty() ? error.what() : fmt::format("{} ({})", error.what(), error.hint());
            }
            return {};
        },
        "");
}

std::string nearest_name(std::string_view word, const std::vector<std::string>& known) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& name : known) {
        const auto distance = edit_distance(word, name);
        if (distance < best_distance) {
            best = name;
            best_distance = distance;
        }
    }
    return best;
}

CLI::App* add_check_command(CLI::App& app, const std::string& name, const std::string& summary,
                            const std::string& check_summary) {
    auto* parent = app.add_subcommand(name, summary);
    parent->require_subcommand(1);
    const std::string missing = "no subcommand given: see 'camaudit " + name + " check --help'";
    const ExitStatus statuses[] = {{2, missing}};
    parent->footer(exit_status_block(statuses));
    return parent->add_subcommand("check", check_summary);
}

}  // namespace camaudit::app
