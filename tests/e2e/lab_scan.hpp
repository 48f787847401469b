// One scan of the whole default device lab, run once per test binary and shared by the test
// files that assert on it (lab_scan_test.cpp, relabel_scan_test.cpp): it costs ~20 s.
#pragma once
#include "lab_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace camaudit::testing {

struct LabScan {
    int exit_code = -1;
    std::string stderr_text;
    std::filesystem::path report_path;
    nlohmann::json report;
    nlohmann::json placements;  // [{id, address, ports}]
    std::map<std::string, nlohmann::json> profiles;  // id -> profile
};

inline const LabScan& lab_scan() {
    static const LabScan scan = [] {
        LabScan s;
        const auto dir = fresh_temp_dir("lab-scan");
        s.report_path = dir / "report.json";
        const auto listing = run_command(std::string(CAMAUDIT_LAB_BIN) + " --list");
        REQUIRE(listing.exit_code == 0);
        s.placements = nlohmann::json::parse(listing.out);
        const auto result = run_command(std::string(CAMAUDIT_LAB_BIN) + " -- " + CAMAUDIT_BIN +
                                        " scan 127.0.1.0/24 --rate 20000 --seed 7 --out " +
                                        s.report_path.string());
        s.exit_code = result.exit_code;
        s.stderr_text = result.err;
        s.report = nlohmann::json::parse(read_file(s.report_path));
        for (const auto& entry : std::filesystem::directory_iterator(CAMAUDIT_SOURCE_LAB_DIR)) {
            const auto profile = nlohmann::json::parse(read_file(entry.path()));
            s.profiles[profile.at("id").get<std::string>()] = profile;
        }
        return s;
    }();
    return scan;
}

}  // namespace camaudit::testing
