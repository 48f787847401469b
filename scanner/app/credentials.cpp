// Loads ONVIF credentials and refuses a file anyone else could read: the secret never reaches
// an error message (line numbers only), the report (only its source) or the process title.
#include <app/credentials.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include <sys/prctl.h>

namespace camaudit::app {
namespace {

constexpr std::size_t max_credentials_file_bytes = 64 * 1024;
constexpr std::string_view permission_hint =
    "keep it private to you: chown $(id -u) FILE && chmod 600 FILE (see docs/probes/onvif.md)";

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

std::string_view unquoted(std::string_view value) {
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return value.substr(1, value.size() - 2);
    return value;
}

// A username goes into an XML element and a quoted HTTP header value.
bool usable_username(std::string_view name) {
    return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == 0x7f;
    });
}

std::string read_private_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        throw UsageError(fmt::format("ONVIF credentials file {}: {}", path, std::strerror(errno)),
                         std::string(permission_hint));
    struct stat info{};
    const bool stat_ok = ::fstat(fd, &info) == 0;
    std::string problem;
    if (!stat_ok || !S_ISREG(info.st_mode)) problem = "is not a regular file";
    else if (info.st_uid != ::geteuid()) problem = fmt::format("is owned by uid {}, not by you (uid {})", info.st_uid, ::geteuid());
    else if ((info.st_mode & 077) != 0) problem = fmt::format("has mode {:04o}; it must be 0600 or stricter", info.st_mode & 07777);
    else if (static_cast<std::size_t>(info.st_size) > max_credentials_file_bytes) problem = "is larger than 64 KiB";
    std::string text;
    if (problem.empty()) {
        text.resize(static_cast<std::size_t>(info.st_size));
        const auto got = ::read(fd, text.data(), text.size());
        if (got < 0) problem = std::string("cannot be read: ") + std::strerror(errno);
        else text.resize(static_cast<std::size_t>(got));
    }
    ::close(fd);
    if (!problem.empty())
        throw UsageError(fmt::format("ONVIF credentials file {} {}: refused", path, problem), std::string(permission_hint));
    return text;
}

// Overwrites the value in the process's own environment block, then removes the variable.
void wipe_environment_value(const char* name) {
    if (char* value = std::getenv(name)) {
        for (volatile char* p = value; *p != '\0'; ++p) *p = '\0';
    }
    ::unsetenv(name);
}

// A process holding a secret writes no core dump and cannot be ptrace-attached by another
// process of the same user (PR_SET_DUMPABLE 0): the password never lands in a core file.
void keep_secrets_out_of_core_dumps() { ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

}  // namespace

OnvifCredentials load_credentials_file(const std::string& path) {
    std::string text = read_private_file(path);
    OnvifCredentials credentials;
    bool has_user = false, has_password = false;
    std::size_t line_number = 0, start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line = trimmed(std::string_view(text).substr(start, end - start));
        start = end + 1;
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        const auto equals = line.find('=');
        const std::string_view key = equals == std::string_view::npos ? std::string_view{} : trimmed(line.substr(0, equals));
        const std::string_view value = equals == std::string_view::npos ? std::string_view{} : unquoted(trimmed(line.substr(equals + 1)));
        if (key == "username") credentials.username = std::string(value), has_user = true;
        else if (key == "password") credentials.password = std::string(value), has_password = true;
        else  // the line is never quoted back: it might be the password itself
            throw UsageError(fmt::format("ONVIF credentials file {}:{}: expected 'username = …' or 'password = …'", path, line_number),
                             "two lines: username = NAME and password = SECRET");
    }
    std::fill(text.begin(), text.end(), '\0');
    if (!has_user || !has_password || credentials.password.empty())
        throw UsageError(fmt::format("ONVIF credentials file {}: needs both a username and a non-empty password", path),
                         "two lines: username = NAME and password = SECRET");
    if (!usable_username(credentials.username))
        throw UsageError(fmt::format("ONVIF credentials file {}: the username is empty or holds a quote, backslash or control character", path));
    return credentials;
}

LoadedCredentials resolve_onvif_credentials(const std::string& file) {
    LoadedCredentials loaded;
    const char* env_file = std::getenv("CAMAUDIT_ONVIF_CREDENTIALS");
    const std::string path = !file.empty() ? file : env_file ? env_file : "";
    if (!path.empty()) {
        loaded.credentials = load_credentials_file(path);
        loaded.source = "file";
        keep_secrets_out_of_core_dumps();
        wipe_environment_value("CAMAUDIT_ONVIF_PASSWORD");  // not used, and not to be left lying around
        return loaded;
    }
    const char* user = std::getenv("CAMAUDIT_ONVIF_USER");
    const char* password = std::getenv("CAMAUDIT_ONVIF_PASSWORD");
    if (!user && !password) return loaded;
    OnvifCredentials credentials{user ? user : "", password ? password : ""};
    wipe_environment_value("CAMAUDIT_ONVIF_PASSWORD");
    if (credentials.password.empty() || !usable_username(credentials.username))
        throw UsageError("CAMAUDIT_ONVIF_USER and CAMAUDIT_ONVIF_PASSWORD must both be set (a plain user name, a non-empty password)");
    loaded.credentials = std::move(credentials);
    loaded.source = "environment";
    keep_secrets_out_of_core_dumps();
    return loaded;
}

}  // namespace camaudit::app
