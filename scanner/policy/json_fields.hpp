// Strict reading of the policy data files (regulations, profiles): one JSON object per file,
// and errors (DataError) that name the file and the field.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::policy {

nlohmann::json parse_file(const std::filesystem::path& file);

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view field, std::string_view what);

// The non-empty string `field` of `doc`; fails naming the file and field otherwise.
std::string required_string(const nlohmann::json& doc, const std::filesystem::path& file, const char* field);

// The *.json files directly in `dir`, sorted; DataError when it cannot be listed.
std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir);

}  // namespace camaudit::policy
