// Finds the data folders so that both an installed camaudit and one run from its build
// folder work without flags.
#include <app/data_dir.hpp>

#include <camaudit/error.hpp>
#include <cstdlib>
#include <system_error>
#include <vector>

namespace camaudit::app {
namespace fs = std::filesystem;

namespace {

fs::path executable_dir() {
    std::error_code error;
    const auto self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self.parent_path();
}

// Where `cmake --install` puts the data, seen from the binary's folder (cmake/install.cmake).
fs::path installed_data_dir() { return executable_dir() / CAMAUDIT_DATA_FROM_BINDIR; }

fs::path first_existing(const std::vector<fs::path>& candidates, const fs::path& marker,
                        const std::string& what) {
    for (const auto& dir : candidates)
        if (!dir.empty() && fs::exists(dir / marker)) return dir;
    std::string tried;
    for (const auto& dir : candidates)
        if (!dir.empty()) tried += " " + dir.string();
    throw DataError("cannot find the " + what + " (looked in:" + tried + ")");
}

fs::path explicit_dir(const std::string& dir, const char* flag) {
    if (!fs::is_directory(dir))
        throw UsageError(std::string(flag) + " '" + dir + "' is not a folder",
                         "give the folder that holds the data files");
    return dir;
}

}  // namespace

fs::path fingerprints_dir(const std::string& override) {
    if (!override.empty()) return explicit_dir(override, "--fingerprints");
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("CAMAUDIT_DATA_DIR")) candidates.emplace_back(env);
    candidates.push_back(installed_data_dir());
    candidates.emplace_back(CAMAUDIT_SOURCE_DATA_DIR);
    return first_existing(candidates, "vendors.json", "fingerprint data");
}

fs::path lab_devices_dir(const std::string& override) {
    if (!override.empty()) return explicit_dir(override, "--devices");
    return first_existing({installed_data_dir() / "lab", fs::path(CAMAUDIT_SOURCE_LAB_DIR)},
                          "", "lab device profiles");
}

}  // namespace camaudit::app
