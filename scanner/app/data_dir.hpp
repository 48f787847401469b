// Where the fingerprint data and the lab profiles are, installed or in the source tree.
#pragma once
#include <filesystem>
#include <string>

namespace camaudit::app {

// The fingerprints folder: `override` when given (must exist), else $CAMAUDIT_DATA_DIR, else
// the installed share/camaudit next to the binary, else the source tree's fingerprints/.
// Throws UsageError when an explicit folder is missing, DataError when none is found.
std::filesystem::path fingerprints_dir(const std::string& override);

// The lab's device profiles: `override`, else installed share/camaudit/lab, else the source
// tree's tests/lab/devices.
std::filesystem::path lab_devices_dir(const std::string& override);

}  // namespace camaudit::app
