// Assembles the provenance block: what the user typed (secrets out), where the scanner ran and
// sent from, which build; the data's hashes come from data_sources.cpp.
#include <app/provenance.hpp>

#include <app/content_digest.hpp>
#include <app/environment.hpp>
#include <app/scan_config.hpp>
#include <net/route_source.hpp>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

namespace camaudit::app {
namespace {

// Route look-ups are cheap but not free: a scope of many intervals names its sources from these.
constexpr std::size_t max_route_probes = 16;

std::vector<std::string> secret_options() {
    std::vector<std::string> options;
    for (const auto& key : secret_keys()) options.push_back(option_name(key));
    return options;
}

// scheme://user:password@host → scheme://user:<redacted>@host; anything else unchanged.
std::string without_url_password(const std::string& word) {
    const auto scheme = word.find("://");
    if (scheme == std::string::npos) return word;
    const auto start = scheme + 3;
    const auto at = word.find('@', start);
    const auto slash = word.find('/', start);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return word;
    const auto colon = word.find(':', start);
    if (colon == std::string::npos || colon > at) return word;
    return word.substr(0, colon + 1) + std::string(redacted_value) + word.substr(at);
}

std::string host_name() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) return "unknown";
    return host;
}

}  // namespace

Invocation invocation_of(int argc, char** argv) {
    return {std::vector<std::string>(argv, argv + argc), recorded_environment()};
}

std::vector<std::string> redacted_command_line(const std::vector<std::string>& argv) {
    const auto secrets = secret_options();
    std::vector<std::string> out;
    bool value_next = false;
    for (const auto& word : argv) {
        if (value_next) {
            out.emplace_back(redacted_value);
            value_next = false;
            continue;
        }
        std::string kept = without_url_password(word);
        for (const auto& option : secrets) {
            if (word == option) value_next = true;
            if (word.starts_with(option + "=")) kept = option + "=" + std::string(redacted_value);
        }
        out.push_back(std::move(kept));
    }
    return out;
}

Provenance make_provenance(const Invocation& invocation, const RunContext& context, const LoadedData& data) {
    Provenance provenance;
    provenance.command_line = redacted_command_line(invocation.argv);
    provenance.environment = invocation.environment;
    if (!context.config.empty()) {
        provenance.config_path = context.config;
        provenance.config_absolute = std::filesystem::absolute(context.config).lexically_normal().string();
        provenance.config_sha256 = file_sha256(context.config);
    }
    provenance.host = host_name();
    provenance.source_addresses = net::route_sources(context.destinations, max_route_probes);
    for (const auto& name : context.interfaces)
        if (!name.empty() && std::find(provenance.interfaces.begin(), provenance.interfaces.end(), name) ==
                                 provenance.interfaces.end())
            provenance.interfaces.push_back(name);
    provenance.git_commit = build_commit();
    provenance.data = data_sources(data);
    return provenance;
}

}  // namespace camaudit::app
