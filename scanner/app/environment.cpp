// The table of CAMAUDIT_* variables: meaning, check, secrecy. The places that read them
// (data_dir.cpp, oui_table.cpp, pipeline.cpp, credentials.cpp, probes/registry.cpp) trust
// that run.cpp called check_environment() first.
#include <app/environment.hpp>

#include <app/cli_style.hpp>
#include <app/pipeline.hpp>
#include <camaudit/error.hpp>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <vector>

namespace camaudit::app {
namespace {
namespace fs = std::filesystem;

struct Variable {
    const char* name;
    bool secret;
    const char* hint;
    CLI::Validator check;
};

// A data folder is one that holds vendors.json, as --fingerprints finds it.
CLI::Validator data_folder() {
    return accepted_by([](const std::string& value) {
        if (!fs::is_directory(value)) throw UsageError("is not a folder");
        if (!fs::exists(fs::path(value) / "vendors.json"))
            throw UsageError("holds no vendors.json: not a camaudit data folder");
    });
}

// CAMAUDIT_SITE_FINGERPRINTS: ':'-separated folders, each as --site-fingerprints takes it.
CLI::Validator existing_folders() {
    return accepted_by([](const std::string& value) {
        for (const auto& part : folder_list(value))
            if (!fs::is_directory(part)) throw UsageError(fmt::format("its part '{}' is not a folder", part.string()));
    });
}

// The same bounds as the config key snmp_community; the message never holds the value.
CLI::Validator community_text() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            return value.size() > 255 ? "must be a string of 1 to 255 characters" : "";
        },
        "");
}

CLI::Validator any_value() {
    return CLI::Validator([](std::string&) -> std::string { return {}; }, "");
}

const std::vector<Variable>& variables() {
    static const std::vector<Variable> table = {
        {"CAMAUDIT_DATA_DIR", false, "unset it, or point it at the folder that holds vendors.json", data_folder()},
        {"CAMAUDIT_IEEE_DATA", false, "unset it, or point it at the folder of oui.csv (Debian: /usr/share/ieee-data)",
         CLI::ExistingDirectory},
        {"CAMAUDIT_SITE_FINGERPRINTS", false, "a ':'-separated list of folders of signature files", existing_folders()},
        {"CAMAUDIT_SNMP_COMMUNITY", true, "the SNMP read community (docs/probes/snmp.md)", community_text()},
        {"CAMAUDIT_ONVIF_CREDENTIALS", false, "a 0600 file with username/password lines (docs/probes/onvif.md)",
         CLI::ExistingFile},
        {"CAMAUDIT_ONVIF_USER", false, "set it with CAMAUDIT_ONVIF_PASSWORD (docs/probes/onvif.md)", any_value()},
        {"CAMAUDIT_ONVIF_PASSWORD", true, "set it with CAMAUDIT_ONVIF_USER (docs/probes/onvif.md)", any_value()},
    };
    return table;
}

}  // namespace

void check_environment() {
    for (const auto& variable : variables()) {
        const char* set = std::getenv(variable.name);
        if (!set || !*set) continue;
        std::string value = set;
        auto check = variable.check;
        const std::string problem = check(value);
        if (problem.empty()) continue;
        const std::string shown = variable.secret ? std::string() : fmt::format(" '{}'", set);
        throw UsageError(fmt::format("environment variable {}{}: {}", variable.name, shown, problem), variable.hint);
    }
}

std::map<std::string, std::string> recorded_environment() {
    std::map<std::string, std::string> recorded;
    for (const auto& variable : variables())
        if (const char* set = std::getenv(variable.name); set && *set)
            recorded[variable.name] = variable.secret ? std::string(redacted_value) : std::string(set);
    return recorded;
}

}  // namespace camaudit::app
