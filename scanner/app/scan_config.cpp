// TOML configuration for `scan`, read with toml++. Each key is the long option of the same
// name (`max_duration` is --max-duration) and its value goes through that option's own
// conversion and checks, so a config is validated exactly as the command line is.
#include <app/scan_config.hpp>

#include <app/cli_style.hpp>
#include <app/data_dir.hpp>
#include <camaudit/error.hpp>
#include <policy/policy.hpp>

#include <algorithm>

#include <filesystem>
#include <fmt/format.h>
#include <set>
#include <toml++/toml.h>

namespace camaudit::app {

std::string option_name(const std::string& key) {
    if (key == "targets") return "targets";
    std::string name = "--" + key;
    for (char& c : name)
        if (c == '_') c = '-';
    return name;
}

const std::set<std::string>& secret_keys() {
    static const std::set<std::string> keys = {"snmp_community"};
    return keys;
}

namespace {
namespace fs = std::filesystem;

// Keys whose values name files or folders: relative ones resolve against the config's folder.
const std::set<std::string>& path_keys() {
    static const std::set<std::string> keys = {"out", "html", "csv", "ndjson", "waivers", "sign",
                                               "fingerprints", "site_fingerprints", "onvif_credentials"};
    return keys;
}

std::vector<std::string> known_keys(const CLI::App& scan) {
    std::vector<std::string> keys(secret_keys().begin(), secret_keys().end());
    for (const CLI::Option* option : scan.get_options()) {
        std::string name = option->get_name(false, false);
        if (name == "--config" || name == "--help" || name.empty()) continue;
        if (name.starts_with("--")) name = name.substr(2);
        for (char& c : name)
            if (c == '-') c = '_';
        keys.push_back(name);
    }
    return keys;
}

struct Located {
    std::string file;
    std::string key;
    std::int64_t line = 0;
    std::string where() const { return fmt::format("{}:{}", file, line); }
};

[[noreturn]] void refuse(const Located& at, const std::string& message, std::string hint = "see docs/configuration.md") {
    throw UsageError(fmt::format("{}: '{}': {}", at.where(), at.key, message), std::move(hint));
}

std::string scalar_text(const toml::node& node, const Located& at) {
    if (const auto* text = node.as_string()) return text->get();
    if (const auto* number = node.as_integer()) return std::to_string(number->get());
    if (const auto* number = node.as_floating_point()) return fmt::format("{}", number->get());
    if (const auto* flag = node.as_boolean()) return flag->get() ? "true" : "false";
    refuse(at, "must be a string, a number or true/false, not a table or a date");
}

// A relative path in a config means "beside this config", whatever the current directory.
std::string resolved(const std::string& value, const std::string& config_file, bool is_path) {
    const fs::path base = fs::absolute(config_file).parent_path();
    if (value.starts_with("@") && !fs::path(value.substr(1)).is_absolute()) return "@" + (base / value.substr(1)).string();
    if (is_path && value != "-" && !value.empty() && !fs::path(value).is_absolute()) return (base / value).string();
    return value;
}

std::vector<std::string> values_of(const toml::node& node, const CLI::Option& option, const Located& at,
                                   const std::string& file) {
    const bool is_path = path_keys().count(at.key) > 0;
    std::vector<std::string> values;
    if (const auto* array = node.as_array()) {
        if (option.get_expected_max() <= 1) refuse(at, "takes one value, not an array");
        for (const auto& item : *array) values.push_back(resolved(scalar_text(item, at), file, is_path));
    } else {
        if (option.get_expected_max() > 1) refuse(at, "must be an array of strings, e.g. [\"a\", \"b\"]");
        values.push_back(resolved(scalar_text(node, at), file, is_path));
    }
    if (option.get_expected_max() == 0 && !node.is_boolean()) refuse(at, "must be true or false");
    return values;
}

void apply_secret(const toml::node& node, const Located& at, ScanArgs& args) {
    const auto* text = node.as_string();
    if (!text || text->get().empty() || text->get().size() > 255) refuse(at, "must be a string of 1 to 255 characters");
    args.snmp_community = text->get();
}

// Runs the option's own checks and conversion on the config's values.
void apply_through_option(CLI::Option& option, const std::vector<std::string>& values, const Located& at) {
    try {
        option.add_result(values);
        option.run_callback();
    } catch (const CLI::Error& error) {
        refuse(at, error.what(), fmt::format("the same values as {} take; see 'camaudit scan --help'", option.get_name()));
    }
}

// The config's value is checked even where the command line wins: tomorrow's run without
// the flag must not be the first to fail on it. The command line's values stay in place.
void check_only(CLI::Option& option, const std::vector<std::string>& values, const Located& at) {
    const auto given = option.results();
    option.clear();
    apply_through_option(option, values, at);
    option.clear();
    option.add_result(given);
    option.run_callback();
}

void apply_key(const std::string& key, const toml::node& node, const std::string& file, CLI::App& scan,
               ScanArgs& args) {
    const Located at{file, key, node.source().begin.line};
    if (secret_keys().count(key)) return apply_secret(node, at, args);
    CLI::Option* option = key == "config" || key == "help" ? nullptr : scan.get_option_no_throw(option_name(key));
    if (!option) {
        const auto near = nearest_name(key, known_keys(scan));
        refuse(at, "unknown key", near.empty() ? "see docs/configuration.md for the keys"
                                               : fmt::format("did you mean '{}'? (docs/configuration.md)", near));
    }
    const auto values = values_of(node, *option, at, file);
    const bool on_command_line = option->count() > 0;
    if (key == "exclude") {
        // The config's reviewed exclusions stay: the command line's add to them.
        for (const auto& value : values) args.exclude_sources.push_back({value, at.where()});
    } else if (on_command_line) {
        check_only(*option, values, at);
        if (key == "targets")
            fmt::print(stderr, "camaudit: warning: the targets on the command line replace those of {}\n", at.where());
        return;
    }
    if (key == "targets") args.targets_source = at.where();
    if (key == "exclude" && on_command_line) {
        auto all = option->results();
        all.insert(all.end(), values.begin(), values.end());
        option->clear();
        return apply_through_option(*option, all, at);
    }
    option->clear();
    apply_through_option(*option, values, at);
}

// Policy ids are data, not syntax, so the option cannot check them; a typo'd id in a config
// gets the same FILE:LINE error as a typo'd key (the data folder may come from the config too).
void check_policy_ids(const toml::table& table, const std::string& file, const ScanArgs& args) {
    const auto* list = table.get_as<toml::array>("policy");  // the option already refused a non-array
    if (!list) return;
    const auto db = policy::RegulationDb::load(fingerprints_dir(args.fingerprints));
    std::vector<std::string> known;
    for (const auto& r : db.all()) known.push_back(r.id);
    for (const auto& item : *list) {
        const auto* text = item.as_string();
        if (!text) continue;  // refused by the option already
        const std::string& id = text->get();
        const Located at{file, "policy", item.source().begin.line};
        if (std::find(known.begin(), known.end(), id) != known.end()) continue;
        const auto near = nearest_name(id, known);
        refuse(at, fmt::format("unknown policy '{}'", id),
               near.empty() ? "'camaudit policies' lists the known ids" : fmt::format("did you mean '{}'? ('camaudit policies' lists them)", near));
    }
}

}  // namespace

void apply_scan_config(const std::string& file, CLI::App& scan, ScanArgs& args) {
    toml::table table;
    try {
        table = toml::parse_file(file);
    } catch (const toml::parse_error& error) {
        throw UsageError(fmt::format("{}:{}: {}", file, error.source().begin.line, error.description()),
                         "the file must be TOML; see docs/configuration.md");
    }
    for (const auto& [name, node] : table) apply_key(std::string(name.str()), node, file, scan, args);
    check_policy_ids(table, file, args);
}

}  // namespace camaudit::app
