// Identification, policy and output, in the order design.md's pipeline gives them.
#include <app/pipeline.hpp>

#include <app/data_dir.hpp>
#include <policy/profiles.hpp>
#include <camaudit/error.hpp>
#include <probes/registry.hpp>
#include <report/report_writer.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fmt/ranges.h>
#include <fmt/format.h>
#include <random>

namespace camaudit::app {

std::vector<std::filesystem::path> folder_list(std::string_view text) {
    std::vector<std::filesystem::path> dirs;
    while (!text.empty()) {
        const auto colon = text.find(':');
        if (const auto part = text.substr(0, colon); !part.empty()) dirs.emplace_back(part);
        text = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    }
    return dirs;
}

std::vector<std::filesystem::path> site_fingerprint_dirs(const std::vector<std::string>& given) {
    std::vector<std::filesystem::path> dirs(given.begin(), given.end());
    if (const char* env = std::getenv("CAMAUDIT_SITE_FINGERPRINTS"); env && *env)
        for (auto& dir : folder_list(env)) dirs.push_back(std::move(dir));
    return dirs;
}

LoadedData load_data(const std::string& fingerprints_override,
                     const std::vector<std::string>& policy_ids,
                     const std::vector<std::string>& site_fingerprints, const std::string& profile) {
    LoadedData data;
    data.dir = fingerprints_dir(fingerprints_override);
    data.site_dirs = site_fingerprint_dirs(site_fingerprints);
    data.knowledge = identify::load_knowledge(data.dir, data.site_dirs);
    const auto regulations = policy::RegulationDb::load(data.dir);
    const auto profiles = policy::ProfileDb::load(data.dir, regulations);
    const bool chosen = !profile.empty() && profile != policy::default_profile;
    const policy::Profile* picked = chosen ? &profiles.find(profile) : nullptr;
    data.regulations = policy::select_rules(regulations, picked, policy_ids);
    data.profile = picked ? picked->id : std::string(policy::default_profile);
    if (picked) data.profile_title = picked->title;
    data.probe_data = probes::load_probe_data(data.dir.string());
    return data;
}

std::string default_profile_note(const LoadedData& data) {
    if (!data.profile_title.empty()) return {};
    return "camaudit: note: no --profile given: profile 'all' applies every rule but the opt-in ones, "
           "each finding's status from what the rule forbids; pick your organisation's with --profile "
           "('camaudit policies' lists them)";
}

Report start_report(std::string mode, std::vector<std::string> targets, std::vector<std::string> excluded,
                    const LoadedData& data, const Shard& shard) {
    Report report;
    report.tool_version = CAMAUDIT_VERSION;
    report.scan.id = new_scan_id();
    report.scan.mode = std::move(mode);
    report.scan.started = Clock::now();
    report.scan.targets = std::move(targets);
    report.scan.excluded = std::move(excluded);
    for (const auto& regulation : data.regulations) report.scan.policies.push_back(regulation.id);
    report.scan.policy_profile = data.profile;
    report.scan.policy_profile_title = data.profile_title;
    report.scan.shard = fmt::format("{}/{}", shard.index, shard.count);
    return report;
}

void finish_report(Report& report, ActiveScanResult result, const LoadedData& data) {
    report.scan.finished = Clock::now();
    report.scan.complete = result.complete;
    report.scan.hosts_probed = result.hosts_probed;
    report.scan.hosts_up = result.hosts_up;
    if (!result.complete) report.scan.options["stopped"] = result.stop_reason;
    // Site signature folders change what a scan can name: the report says which were loaded.
    std::vector<std::string> sites;
    for (const auto& site : data.site_dirs) sites.push_back(site.string());
    if (!sites.empty()) report.scan.options["site_fingerprints"] = fmt::format("{}", fmt::join(sites, ":"));
    for (auto& error : result.errors) report.errors.push_back(std::move(error));
    build_devices(report, result.observations, data);
}

void build_devices(Report& report, const std::vector<Observation>& observations,
                   const LoadedData& data) {
    report.devices = identify::identify_devices(observations, *data.knowledge);
    policy::apply_policy(report.devices, data.regulations);
}

bool any_prohibited(const std::vector<Observation>& host_observations, const LoadedData& data) {
    auto devices = identify::identify_devices(host_observations, *data.knowledge);
    policy::apply_policy(devices, data.regulations);
    return std::any_of(devices.begin(), devices.end(),
                       [](const Device& d) { return d.compliance.status == ComplianceStatus::prohibited; });
}

FailOn fail_on(std::string_view word) {
    return policy::fail_on_named(word).value_or(FailOn::prohibited);
}

int exit_code_for(const Report& report, FailOn fail_on) {
    for (const auto& device : report.devices)
        if (policy::fails(device.compliance.status, fail_on)) return static_cast<int>(ExitCode::prohibited);
    if (!report.scan.complete) return static_cast<int>(ExitCode::incomplete);
    return static_cast<int>(ExitCode::clean);
}

void emit_report(const Report& report, const std::string& out, const std::string& format) {
    const auto& writer = report::find_format(format);
    const std::string content = writer.render(report);
    if (out == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        if (std::fflush(stdout) != 0) throw RunError("cannot write the report to standard output");
        return;
    }
    report::write_atomically(out, content);
}

std::string new_scan_id() {
    std::random_device random;
    return fmt::format("{:08x}{:08x}", random(), random());
}

}  // namespace camaudit::app
