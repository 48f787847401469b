// Reading the fingerprint folder's JSON files: one place that turns a missing or malformed
// file into a DataError naming it, so every loader reports the same way.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace camaudit::identify {

// The parsed file; throws DataError "<file>: <reason>" when it cannot be read or parsed.
nlohmann::json read_json_file(const std::filesystem::path& file);

// The string at `key` of `object`, or empty; throws DataError when present but not a string.
std::string optional_string(const nlohmann::json& object, const char* key,
                            const std::string& where);

// Throws DataError with "<where>: <reason>".
[[noreturn]] void data_error(const std::string& where, const std::string& reason);

}  // namespace camaudit::identify
