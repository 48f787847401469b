// Waivers (TOML, docs/waivers.md): an approved, dated exception for one device under one
// regulation. Until its expiry date a matching finding is `waived`; after it, the finding
// stands again and says that the waiver lapsed.
#pragma once
#include <camaudit/device.hpp>
#include <policy/policy.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace camaudit::policy {

struct Waiver {
    std::string mac;      // one of mac, serial, address identifies the device
    std::string serial;
    std::string address;
    std::string regulation;
    std::string reason;
    std::string approver;
    std::chrono::year_month_day expires{};  // last day the waiver holds (UTC)
    std::string origin;   // "FILE:LINE", for the finding and for errors
};

// Throws UsageError naming the file, line and field on a bad date, a missing or unknown field,
// a malformed MAC or address, a waiver naming its device by more than one key, or two
// waivers for the same device and regulation.
std::vector<Waiver> load_waivers(const std::filesystem::path& file);
std::vector<Waiver> parse_waivers(std::string_view text, const std::string& origin);

// Marks the matching prohibited/review findings waived (or lapsed) as of `today`, then
// recomputes each touched device's status from its findings.
void apply_waivers(std::vector<Device>& devices, const std::vector<Waiver>& waivers,
                   std::chrono::year_month_day today);

// Throws UsageError at the waiver's FILE:LINE when its regulation is not one `db` holds
// (selected for this run or not: one waiver file serves many runs).
void check_regulations(const std::vector<Waiver>& waivers, const RegulationDb& db);

std::chrono::year_month_day utc_today();
std::string day_text(std::chrono::year_month_day day);  // "2026-06-30"

}  // namespace camaudit::policy
