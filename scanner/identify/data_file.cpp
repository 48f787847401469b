// Reading the fingerprint folder's JSON files with errors that name the file.
#include <identify/data_file.hpp>

#include <camaudit/error.hpp>

#include <fstream>
#include <sstream>

namespace camaudit::identify {

void data_error(const std::string& where, const std::string& reason) {
    throw DataError(where + ": " + reason);
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) data_error(file.string(), "cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& error) {
        data_error(file.string(), std::string("is not valid JSON (") + error.what() + ")");
    }
}

std::string optional_string(const nlohmann::json& object, const char* key,
                            const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) data_error(where, std::string("'") + key + "' must be a string");
    return it->get<std::string>();
}

}  // namespace camaudit::identify
