// SHA-256 of a file and of a set of files, so a report names the exact bytes a run read
// (the config, the signature, regulation and OUI data) and two runs' data can be compared.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace camaudit::app {

// Lower-case hex SHA-256 of `path`'s bytes. Throws RunError when it cannot be read.
std::string file_sha256(const std::filesystem::path& path);

struct FolderDigest {
    std::string sha256;       // see digest_files
    std::uint64_t files = 0;
};

// SHA-256 over `relative` (sorted by byte order first) under `root`: for each file its
// relative name, a NUL, its size in decimal, a NUL, its bytes (docs/report-schema.md).
FolderDigest digest_files(const std::filesystem::path& root, std::vector<std::string> relative);

// The relative names of the regular files under `root`, recursively, leaving out the
// sub-folders named in `skip` (e.g. "regulations", hashed on its own).
std::vector<std::string> files_under(const std::filesystem::path& root, const std::vector<std::string>& skip = {});

}  // namespace camaudit::app
