// Strict reading of the policy data files; see json_fields.hpp.
#include <policy/json_fields.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace camaudit::policy {

using nlohmann::json;

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view field,
                       std::string_view what) {
    throw DataError(file.string() + ": field '" + std::string(field) + "' " + std::string(what));
}

std::string required_string(const json& doc, const std::filesystem::path& file, const char* field) {
    auto it = doc.find(field);
    if (it == doc.end()) fail(file, field, "is missing");
    if (!it->is_string() || it->get<std::string>().empty()) fail(file, field, "must be a non-empty string");
    return it->get<std::string>();
}

json parse_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw DataError(file.string() + ": cannot be read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    json doc = json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw DataError(file.string() + ": not valid JSON");
    if (!doc.is_object()) throw DataError(file.string() + ": must hold one JSON object");
    return doc;
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    if (ec) throw DataError(dir.string() + ": cannot be listed: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace camaudit::policy
