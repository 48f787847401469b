// fingerprints/http_paths.json: the vendor paths the HTTP probe asks for after "/".
#pragma once
#include <camaudit/probe.hpp>
#include <filesystem>
#include <string_view>
#include <vector>

namespace camaudit::identify {

// Every entry {path, when, why}; throws DataError naming the file and path when a path does
// not start with '/', a "when" pattern is rejected by RE2, or "why" is missing.
std::vector<ProbeData::HttpPath> load_http_paths(const std::filesystem::path& file);

// Whether `path` is to be fetched, given the root answer's headers and body as text.
bool wanted(const ProbeData::HttpPath& path, std::string_view root_answer);

}  // namespace camaudit::identify
