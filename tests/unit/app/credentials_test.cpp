// Proves the ONVIF credentials loader on real files: a private file (0600, ours) loads; a file
// others may read, a directory or a missing file is refused with a message that names the file
// and never the secret; the environment works and its password variable is wiped once read.
#include <app/credentials.hpp>
#include <camaudit/error.hpp>

#include <doctest/doctest.h>
#include <sys/prctl.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace camaudit;
namespace fs = std::filesystem;

namespace {

constexpr const char* secret = "Tr0ub4dor&3-unit";

fs::path write_file(const std::string& name, const std::string& text, mode_t mode) {
    const auto dir = fs::temp_directory_path() / ("camaudit-credentials-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
}

// The UsageError message a load throws ("" when it loads).
std::string refusal(const fs::path& path) {
    try {
        app::load_credentials_file(path.string());
    } catch (const UsageError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a private credentials file loads, with comments and quoted values") {
    const auto path = write_file("ok", "# site camera account\nusername = auditor\npassword = \"" + std::string(secret) + "\"\n", 0600);
    const auto credentials = app::load_credentials_file(path.string());
    CHECK(credentials.username == "auditor");
    CHECK(credentials.password == secret);
    CHECK(refusal(write_file("owner-only", "username=a\npassword=b\n", 0400)).empty());
}

TEST_CASE("a file others may read, a directory or a missing file is refused naming the file") {
    const auto readable = write_file("readable", "username = a\npassword = " + std::string(secret) + "\n", 0644);
    const std::string message = refusal(readable);
    CHECK(message.find(readable.string()) != std::string::npos);
    CHECK(message.find("0644") != std::string::npos);
    CHECK(message.find(secret) == std::string::npos);
    CHECK(refusal(write_file("group", "username=a\npassword=b\n", 0640)).find("0640") != std::string::npos);
    CHECK(refusal(readable.parent_path()).find("not a regular file") != std::string::npos);
    CHECK(refusal(readable.parent_path() / "absent").find("No such file") != std::string::npos);
}

TEST_CASE("a malformed line is refused by number, never quoted back") {
    const std::string message = refusal(write_file("bare", "username = a\n" + std::string(secret) + "\n", 0600));
    CHECK(message.find(":2:") != std::string::npos);
    CHECK(message.find(secret) == std::string::npos);
    CHECK_FALSE(refusal(write_file("no-password", "username = a\n", 0600)).empty());
    CHECK_FALSE(refusal(write_file("quote-user", "username = a\"b\npassword = c\n", 0600)).empty());
}

TEST_CASE("the environment supplies credentials and its password variable is wiped") {
    ::unsetenv("CAMAUDIT_ONVIF_CREDENTIALS");
    ::setenv("CAMAUDIT_ONVIF_USER", "env-user", 1);
    ::setenv("CAMAUDIT_ONVIF_PASSWORD", secret, 1);
    const auto loaded = app::resolve_onvif_credentials("");
    REQUIRE(loaded.credentials);
    CHECK(loaded.source == "environment");
    CHECK(loaded.credentials->password == secret);
    CHECK(std::getenv("CAMAUDIT_ONVIF_PASSWORD") == nullptr);
    CHECK(::prctl(PR_GET_DUMPABLE) == 0);  // no core dump can hold the password
    ::unsetenv("CAMAUDIT_ONVIF_USER");
    CHECK_FALSE(app::resolve_onvif_credentials("").credentials);
}

TEST_CASE("a file named by the flag wins, CAMAUDIT_ONVIF_CREDENTIALS names one too") {
    const auto path = write_file("flag", "username = f\npassword = g\n", 0600);
    CHECK(app::resolve_onvif_credentials(path.string()).source == "file");
    ::setenv("CAMAUDIT_ONVIF_CREDENTIALS", path.c_str(), 1);
    const auto loaded = app::resolve_onvif_credentials("");
    ::unsetenv("CAMAUDIT_ONVIF_CREDENTIALS");
    REQUIRE(loaded.credentials);
    CHECK(loaded.credentials->username == "f");
}
