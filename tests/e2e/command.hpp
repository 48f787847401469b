// Runs a command line as a user would and captures its exit code, stdout and stderr.
#pragma once
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

namespace camaudit::testing {

// Under AddressSanitizer (the CI sanitizer step, preset asan) a process's peak RSS holds shadow
// memory and the quarantine of freed blocks (~500 MiB for a lab scan, hostile devices or not), so
// absolute memory bounds widen by this factor; bounds relative to a normal scan stay as they are.
// The binaries under test are sanitized when this driver is (built in the asan preset), or
// when CI's sanitizer step points a plain driver at sanitized binaries (CAMAUDIT_TEST_SANITIZED,
// written by tests/CMakeLists.txt into the asan build's tested-binaries.env).
inline int sanitizer_memory_factor() {
#ifdef __SANITIZE_ADDRESS__
    return 4;
#else
    const char* sanitized = std::getenv("CAMAUDIT_TEST_SANITIZED");
    return sanitized && std::string_view(sanitized) == "1" ? 4 : 1;
#endif
}

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::filesystem::path fresh_temp_dir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("camaudit-e2e-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    // A scan started as root becomes nobody before its first packet and writes its report
    // then (docs/security.md, Privileges): the folder is writable for it, as /tmp is.
    std::filesystem::permissions(dir, std::filesystem::perms::all);
    return dir;
}

// `command` goes to /bin/sh; stderr is captured through a temporary file.
inline CommandResult run_command(const std::string& command) {
    const auto err_file = fresh_temp_dir("stderr") / "err.txt";
    CommandResult result;
    FILE* pipe = popen((command + " 2>" + err_file.string()).c_str(), "r");
    if (!pipe) return result;
    std::array<char, 65536> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.err = read_file(err_file);
    return result;
}

}  // namespace camaudit::testing
