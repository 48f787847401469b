// The stages after collection, shared by scan and demo: observations → identify → devices →
// policy → report, and the exit code the report calls for.
#pragma once
#include <app/active_scan.hpp>
#include <camaudit/probe.hpp>
#include <camaudit/report.hpp>
#include <identify/identify.hpp>
#include <policy/policy.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace camaudit::app {

// Everything loaded from the data folder before the first packet: a broken signature or
// regulation file stops the run here (exit 2), never half-way.
struct LoadedData {
    std::filesystem::path dir;
    std::vector<std::filesystem::path> site_dirs;  // extra signature folders loaded on top
    std::shared_ptr<const identify::Knowledge> knowledge;
    std::vector<policy::Regulation> regulations;  // the selected ones
    std::string profile;        // the policy profile's id; "all" when none was given
    std::string profile_title;  // empty for the default
    ProbeData probe_data;
};
// `site_fingerprints` (--site-fingerprints DIR…) and $CAMAUDIT_SITE_FINGERPRINTS name
// folders of extra signature files loaded on top of the data folder. `profile` (--profile)
// empty means the default ("all"); an unknown one is a UsageError listing the valid names.
LoadedData load_data(const std::string& fingerprints_override,
                     const std::vector<std::string>& policy_ids,
                     const std::vector<std::string>& site_fingerprints = {},
                     const std::string& profile = {});

// The line that states the default profile on the terminal (once per run); empty when the
// user chose a profile.
std::string default_profile_note(const LoadedData& data);

// The folders of a ':'-separated list (empty parts skipped), as $CAMAUDIT_SITE_FINGERPRINTS holds them.
std::vector<std::filesystem::path> folder_list(std::string_view text);

// The given site folders, then those of $CAMAUDIT_SITE_FINGERPRINTS (':'-separated).
std::vector<std::filesystem::path> site_fingerprint_dirs(const std::vector<std::string>& given);

// A report with its scan block started: id, mode, start time, scope and selected policies.
Report start_report(std::string mode, std::vector<std::string> targets, std::vector<std::string> excluded,
                    const LoadedData& data, const Shard& shard);

// Closes the scan block with what the engine found, then identifies and applies policy.
void finish_report(Report& report, ActiveScanResult result, const LoadedData& data);

// Identification and policy over what was collected; fills report.devices.
void build_devices(Report& report, const std::vector<Observation>& observations,
                   const LoadedData& data);

// True when the devices named from one host's observations include a prohibited one: the
// engine's judge_host, for the progress line's "prohibited so far".
bool any_prohibited(const std::vector<Observation>& host_observations, const LoadedData& data);

// Which statuses make the exit code 1: the ladder of policy::FailOn.
using policy::FailOn;
FailOn fail_on(std::string_view word);  // "prohibited", "review", "unknown" or "advisory"
// 1 when a device's status is one `fail_on` covers (complete or not); else 4 when the run was
// incomplete (interrupted, time limit), so a cron job never reads a cut night as clean; else 0.
int exit_code_for(const Report& report, FailOn fail_on);

// Renders `format` and writes it to `out` ("-" = stdout) atomically. Throws RunError.
void emit_report(const Report& report, const std::string& out, const std::string& format);

std::string new_scan_id();

}  // namespace camaudit::app
