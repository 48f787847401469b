// The observation vocabulary: fingerprints/vocabulary/keys/<protocol>.json, every key once,
// with its meaning and the probe that emits it. It is the one link between probes and
// signatures, so each protocol keeps its own file and no two files may name the same key.
#pragma once
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace camaudit::identify {

struct VocabularyKey {
    std::string key;
    std::string probe;
    std::string meaning;
    std::string file;
};

// Throws DataError naming the file for bad JSON, an entry without key, probe or meaning,
// or a key that another file (or the same file) already names.
std::vector<VocabularyKey> load_vocabulary(const std::filesystem::path& fingerprints_dir);
std::set<std::string> vocabulary_keys(const std::filesystem::path& fingerprints_dir);

}  // namespace camaudit::identify
