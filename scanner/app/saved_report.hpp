// A camaudit.report/1 JSON file read back (explain, diff): checked to be one, or a UsageError.
#pragma once
#include <nlohmann/json.hpp>

#include <string>

namespace camaudit::app {

nlohmann::json read_saved_report(const std::string& path);

}  // namespace camaudit::app
