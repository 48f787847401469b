// TOML configuration for `scan`, read with toml++; every key mirrors a long option.
#include <app/scan_config.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>
#include <functional>
#include <map>
#include <toml++/toml.h>

namespace camaudit::app {
namespace {

using Setter = std::function<bool(const toml::node&, ScanArgs&)>;

template <class T, class Field>
Setter scalar(Field ScanArgs::*field) {
    return [field](const toml::node& node, ScanArgs& args) {
        const auto value = node.value<T>();
        if (!value) return false;
        args.*field = static_cast<Field>(*value);
        return true;
    };
}

Setter string_list(std::vector<std::string> ScanArgs::*field) {
    return [field](const toml::node& node, ScanArgs& args) {
        const auto* array = node.as_array();
        if (!array) return false;
        std::vector<std::string> values;
        for (const auto& item : *array) {
            const auto text = item.value<std::string>();
            if (!text) return false;
            values.push_back(*text);
        }
        args.*field = std::move(values);
        return true;
    };
}

// An integer only inside [low, high]: the limits a hostile network must not talk us out of.
template <class Field>
Setter bounded(Field ScanArgs::*field, std::int64_t low, std::int64_t high) {
    return [field, low, high](const toml::node& node, ScanArgs& args) {
        const auto value = node.value<std::int64_t>();
        if (!value || *value < low || *value > high) return false;
        args.*field = static_cast<Field>(*value);
        return true;
    };
}

// A report-file option: they live in ScanArgs::output, shared with passive (report_output.hpp).
Setter output_text(std::string ReportOutputArgs::*field) {
    return [field](const toml::node& node, ScanArgs& args) {
        const auto value = node.value<std::string>();
        if (value) args.output.*field = *value;
        return value.has_value();
    };
}

bool set_seed(const toml::node& node, ScanArgs& args) {
    const auto value = node.value<std::int64_t>();
    if (!value || *value < 0) return false;
    args.seed = static_cast<std::uint64_t>(*value);
    return true;
}

template <class T>
bool set_layer2(const toml::node& node, T& field) {
    const auto value = node.value<T>();
    if (value) field = *value;
    return value.has_value();
}

// key -> (command-line option it mirrors, setter, the type a user must write)
struct Key {
    const char* option;
    Setter set;
    const char* type;
};

const std::map<std::string, Key>& keys() {
    static const std::map<std::string, Key> table = {
        {"targets", {"targets", string_list(&ScanArgs::targets), "an array of strings"}},
        {"exclude", {"--exclude", string_list(&ScanArgs::exclude), "an array of strings"}},
        {"ports", {"--ports", scalar<std::string>(&ScanArgs::ports), "a string such as \"80,443,8000-8100\""}},
        {"rate", {"--rate", scalar<double>(&ScanArgs::rate), "a number"}},
        {"concurrency", {"--concurrency", scalar<std::int64_t>(&ScanArgs::concurrency), "an integer"}},
        {"timeout", {"--timeout", scalar<std::int64_t>(&ScanArgs::timeout_ms), "an integer (milliseconds)"}},
        {"retries", {"--retries", scalar<std::int64_t>(&ScanArgs::retries), "an integer"}},
        {"seed", {"--seed", set_seed, "a non-negative integer"}},
        {"shard", {"--shard", scalar<std::string>(&ScanArgs::shard), "a string \"K/N\""}},
        {"out", {"--out", output_text(&ReportOutputArgs::out), "a string"}},
        {"format", {"--format", output_text(&ReportOutputArgs::format), "a string"}},
        {"probes", {"--probes", scalar<std::string>(&ScanArgs::probes), "a string"}},
        {"policy", {"--policy", string_list(&ScanArgs::policies), "an array of strings"}},
        {"fingerprints", {"--fingerprints", scalar<std::string>(&ScanArgs::fingerprints), "a string"}},
        {"site_fingerprints", {"--site-fingerprints", string_list(&ScanArgs::site_fingerprints), "an array of strings"}},
        {"html", {"--html", output_text(&ReportOutputArgs::html_out), "a string (file)"}},
        {"csv", {"--csv", output_text(&ReportOutputArgs::csv_out), "a string (file)"}},
        {"ndjson", {"--ndjson", output_text(&ReportOutputArgs::ndjson_out), "a string (file)"}},
        {"syslog", {"--syslog", scalar<std::string>(&ScanArgs::syslog), "a string udp://HOST:PORT or tcp://HOST:PORT"}},
        {"syslog_format", {"--syslog-format", scalar<std::string>(&ScanArgs::syslog_format), "\"cef\" or \"rfc5424\""}},
        {"waivers", {"--waivers", scalar<std::string>(&ScanArgs::waivers), "a string (file)"}},
        {"sign", {"--sign", output_text(&ReportOutputArgs::sign_key), "a string (private key file)"}},
        {"fail_on", {"--fail-on", scalar<std::string>(&ScanArgs::fail_on), "\"prohibited\" or \"review\""}},
        {"max_duration", {"--max-duration", scalar<std::int64_t>(&ScanArgs::max_duration_s), "an integer (seconds)"}},
        {"onvif_credentials", {"--onvif-credentials", scalar<std::string>(&ScanArgs::onvif_credentials), "a string (file, mode 0600)"}},
        {"allow_large", {"--allow-large", scalar<bool>(&ScanArgs::allow_large), "true or false"}},
        {"snmp_community", {nullptr, scalar<std::string>(&ScanArgs::snmp_community), "a string (no flag: a secret)"}},
        {"exchange_timeout", {"--exchange-timeout", bounded(&ScanArgs::exchange_timeout_ms, 500, 30000),
                              "an integer 500-30000 (milliseconds)"}},
        {"max_body_kib", {"--max-body-kib", bounded(&ScanArgs::max_body_kib, 16, 4096), "an integer 16-4096 (KiB)"}},
        {"max_observations_per_host", {"--max-observations-per-host",
                                       bounded(&ScanArgs::max_observations_per_host, observations_per_host_floor,
                                               observations_per_host_ceiling),
                                       "an integer 500-100000"}},
        {"arp", {"--arp", [](const toml::node& n, ScanArgs& a) { return set_layer2(n, a.layer2.arp); }, "true or false"}},
        {"interface", {"--interface", [](const toml::node& n, ScanArgs& a) { return set_layer2(n, a.layer2.interface); }, "a string (interface)"}},
        {"discover", {"--discover", [](const toml::node& n, ScanArgs& a) { return set_layer2(n, a.layer2.discover); }, "a string (interface)"}},
        {"passive_while_scanning", {"--passive-while-scanning", [](const toml::node& n, ScanArgs& a) { return set_layer2(n, a.layer2.listen); }, "a string (interface)"}},
        {"user", {"--user", [](const toml::node& n, ScanArgs& a) { return set_layer2(n, a.layer2.user); }, "a string (account)"}},
    };
    return table;
}

std::string known_keys() {
    std::string names;
    for (const auto& [name, key] : keys()) names += (names.empty() ? "" : ", ") + name;
    return names;
}

}  // namespace

void apply_scan_config(const std::string& file, const CLI::App& scan, ScanArgs& args) {
    toml::table table;
    try {
        table = toml::parse_file(file);
    } catch (const toml::parse_error& error) {
        throw UsageError(fmt::format("{}:{}: {}", file, error.source().begin.line, error.description()),
                         "the file must be TOML; see docs/configuration.md");
    }
    for (const auto& [name, node] : table) {
        const auto line = node.source().begin.line;
        const auto found = keys().find(std::string(name.str()));
        if (found == keys().end())
            throw UsageError(fmt::format("{}:{}: unknown key '{}'", file, line, name.str()),
                             "known keys: " + known_keys());
        if (found->second.option && scan.count(found->second.option) > 0) continue;  // the command line wins
        if (!found->second.set(node, args))
            throw UsageError(fmt::format("{}:{}: '{}' must be {}", file, line, name.str(), found->second.type),
                             "see docs/configuration.md");
    }
}

}  // namespace camaudit::app
