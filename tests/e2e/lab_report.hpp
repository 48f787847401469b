// What the end-to-end tests read from the lab and from a report: where the lab put each device
// (`camaudit-lab --list`), the report's device at an address, and plain substring checks.
#pragma once
#include "command.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace camaudit::testing {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The report's device at `ip`, or nullptr when the report has none there.
inline const nlohmann::json* device_at(const nlohmann::json& report, const std::string& ip) {
    for (const auto& device : report.at("devices"))
        if (device.at("ip") == ip) return &device;
    return nullptr;
}

// True when some evidence of `device` came from `source` ("http", "sadp", "passive:arp", ...).
inline bool has_evidence_from(const nlohmann::json& device, const std::string& source) {
    for (const auto& evidence : device.at("evidence"))
        if (evidence.value("source", "") == source) return true;
    return false;
}

#ifdef CAMAUDIT_LAB_BIN
// Where the lab places each profile: [{id, address, ports}], read once.
inline const nlohmann::json& lab_placements() {
    static const auto list = nlohmann::json::parse(run_command(std::string(CAMAUDIT_LAB_BIN) + " --list").out);
    return list;
}

// Profile id -> address, as the lab places them.
inline std::map<std::string, std::string> lab_addresses() {
    std::map<std::string, std::string> addresses;
    for (const auto& place : lab_placements()) addresses[place.at("id")] = place.at("address");
    REQUIRE(!addresses.empty());
    return addresses;
}

inline std::string lab_address_of(const std::string& id) {
    for (const auto& place : lab_placements())
        if (place.at("id") == id) return place.at("address").get<std::string>();
    FAIL("no lab profile " << id);
    return {};
}
#endif

#ifdef CAMAUDIT_SOURCE_LAB_DIR
inline nlohmann::json lab_profile(const std::string& id) {
    return nlohmann::json::parse(read_file(std::string(CAMAUDIT_SOURCE_LAB_DIR) + "/" + id + ".json"));
}
#endif

#if defined(CAMAUDIT_LAB_BIN) && defined(CAMAUDIT_BIN)
// The start of a command line that runs camaudit inside the running lab's namespace.
inline std::string in_lab_camaudit() { return std::string(CAMAUDIT_LAB_BIN) + " -- " + CAMAUDIT_BIN; }
#endif

}  // namespace camaudit::testing
