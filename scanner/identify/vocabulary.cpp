// Reads every vocabulary file and checks that each key is described exactly once.
#include <identify/vocabulary.hpp>

#include <identify/data_file.hpp>

#include <algorithm>
#include <map>

namespace camaudit::identify {

namespace {

std::vector<std::filesystem::path> vocabulary_files(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    const auto folder = dir / "vocabulary" / "keys";
    if (!std::filesystem::is_directory(folder)) data_error(folder.string(), "is missing (the observation vocabulary)");
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<VocabularyKey> load_vocabulary(const std::filesystem::path& fingerprints_dir) {
    std::vector<VocabularyKey> keys;
    std::map<std::string, std::string> seen;  // key -> file
    for (const auto& path : vocabulary_files(fingerprints_dir)) {
        const std::string file = path.string();
        const auto data = read_json_file(path);
        if (!data.is_object() || !data.contains("keys") || !data["keys"].is_array())
            data_error(file, "must hold a 'keys' list");
        for (const auto& entry : data["keys"]) {
            if (!entry.is_object()) data_error(file, "every entry of 'keys' must be an object");
            VocabularyKey key{optional_string(entry, "key", file), optional_string(entry, "probe", file),
                              optional_string(entry, "meaning", file), file};
            if (key.key.empty() || key.probe.empty() || key.meaning.empty())
                data_error(file, "every entry needs 'key', 'probe' and 'meaning'");
            if (const auto [it, fresh] = seen.emplace(key.key, file); !fresh)
                data_error(file, "key '" + key.key + "' is already described in " + it->second);
            keys.push_back(std::move(key));
        }
    }
    return keys;
}

std::set<std::string> vocabulary_keys(const std::filesystem::path& fingerprints_dir) {
    std::set<std::string> keys;
    for (const auto& entry : load_vocabulary(fingerprints_dir)) keys.insert(entry.key);
    return keys;
}

}  // namespace camaudit::identify
