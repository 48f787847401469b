// Loads fingerprints/http_paths.json and decides which paths a root answer calls for.
#include <identify/http_paths.hpp>

#include <identify/data_file.hpp>

#include <re2/re2.h>

namespace camaudit::identify {

std::vector<ProbeData::HttpPath> load_http_paths(const std::filesystem::path& path) {
    const std::string file = path.string();
    const auto data = read_json_file(path);
    if (!data.is_object() || !data.contains("paths") || !data["paths"].is_array())
        data_error(file, "must be an object with a 'paths' list");
    std::vector<ProbeData::HttpPath> paths;
    for (const auto& item : data["paths"]) {
        if (!item.is_object()) data_error(file, "every path entry must be an object");
        ProbeData::HttpPath entry{optional_string(item, "path", file), {}, {}};
        const std::string where = file + ": path '" + entry.path + "'";
        entry.when = optional_string(item, "when", where);
        entry.why = optional_string(item, "why", where);
        if (!entry.path.starts_with('/')) data_error(where, "must start with '/'");
        if (entry.why.empty()) data_error(where, "needs a 'why' (which vendor interface it names)");
        if (!entry.when.empty()) {
            const RE2 when(entry.when, RE2::Quiet);
            if (!when.ok()) data_error(where, "'when' rejected by RE2: " + when.error());
        }
        paths.push_back(std::move(entry));
    }
    return paths;
}

bool wanted(const ProbeData::HttpPath& path, std::string_view root_answer) {
    if (path.when.empty()) return true;
    const RE2 when(path.when, RE2::Quiet);
    return when.ok() && RE2::PartialMatch(root_answer, when);
}

}  // namespace camaudit::identify
