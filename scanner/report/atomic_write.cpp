// Atomic report writing: a cron job reading the report sees the old one or the new one, never
// half of either (temporary file beside the target, fsync, rename, fsync of the directory).
#include <report/atomic_write.hpp>

#include <camaudit/error.hpp>

#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <optional>
#include <random>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace camaudit::report {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, std::string_view step, int err) {
    throw RunError("cannot write report " + path.string() + ": " + std::string(step) + ": " +
                   std::generic_category().message(err));
}

fs::path directory_of(const fs::path& path) {
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

std::optional<gid_t> group_id(const std::string& group) {
    if (group.empty()) return std::nullopt;
    if (const ::group* g = ::getgrnam(group.c_str())) return g->gr_gid;
    if (group.find_first_not_of("0123456789") == std::string::npos && group.size() < 10)
        return static_cast<gid_t>(std::stoul(group));
    throw UsageError("report group '" + group + "' does not exist on this system",
                     "name an existing group (getent group) with --report-group, or leave it out for mode 0600");
}

// A fresh name that no one can have planted: O_EXCL|O_NOFOLLOW refuses any file or symlink
// already there, so on a collision another random name is tried.
int create_temp(const fs::path& target, fs::path& temp) {
    std::random_device entropy;
    for (int attempt = 0; attempt < 100; ++attempt) {
        temp = directory_of(target) / fmt::format(".{}.tmp-{:08x}", target.filename().string(), entropy());
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

// Mode and group set on the open file, whatever the umask and whatever was at the target.
void set_access(int fd, const fs::path& target, const FileAccess& access) {
    const auto gid = group_id(access.group);
    if (gid && ::fchown(fd, static_cast<uid_t>(-1), *gid) != 0)
        fail(target, "cannot give the file to group " + access.group, errno);
    if (::fchmod(fd, gid ? 0640 : 0600) != 0) fail(target, "chmod of the temporary file failed", errno);
}

void write_all(int fd, std::string_view content, const fs::path& target) {
    while (!content.empty()) {
        ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(target, "write failed", errno);
        content.remove_prefix(static_cast<std::size_t>(n));
    }
}

void fsync_directory(const fs::path& dir, const fs::path& target) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const int open_err = errno;
    if (fd < 0) fail(target, "cannot open directory " + dir.string() + " to sync it", open_err);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) fail(target, "fsync of directory " + dir.string() + " failed", err);
}

}  // namespace

void check_access(const FileAccess& access) { group_id(access.group); }

PendingReportFile::PendingReportFile(const fs::path& target, const FileAccess& access) : target_(target) {
    fd_ = create_temp(target, temp_);
    if (fd_ < 0) fail(target, "cannot create a temporary file in " + directory_of(target).string(), errno);
    try {
        set_access(fd_, target, access);
    } catch (...) {
        ::close(fd_);
        ::unlink(temp_.c_str());
        throw;
    }
}

PendingReportFile::PendingReportFile(PendingReportFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), fd_(other.fd_) {
    other.fd_ = -1;
}

PendingReportFile::~PendingReportFile() {
    if (fd_ < 0) return;  // committed or moved from
    ::close(fd_);
    ::unlink(temp_.c_str());
}

void PendingReportFile::commit(std::string_view content) {
    if (fd_ < 0) throw RunError("report " + target_.string() + " was already written");
    write_all(fd_, content, target_);
    if (::fsync(fd_) != 0) fail(target_, "fsync failed", errno);
    const int fd = fd_;
    fd_ = -1;
    const bool closed = ::close(fd) == 0;
    const int close_err = errno;
    if (!closed || ::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int err = closed ? errno : close_err;
        ::unlink(temp_.c_str());
        fail(target_, closed ? "rename failed" : "close failed", err);
    }
    fsync_directory(directory_of(target_), target_);
}

void check_writable(const fs::path& path, const FileAccess& access) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw RunError("cannot write report " + path.string() + ": it is a directory");
    const fs::path dir = directory_of(path);
    if (!fs::exists(dir, ec))
        throw RunError("cannot write report " + path.string() + ": directory " + dir.string() + " does not exist");
    if (!fs::is_directory(dir, ec))
        throw RunError("cannot write report " + path.string() + ": " + dir.string() + " is not a directory");
    check_access(access);
    // Creating (and removing) the very kind of file write_atomically needs is the only test
    // that answers for ACLs, read-only mounts, quotas and group membership alike.
    PendingReportFile probe(path, access);
}

void write_atomically(const fs::path& path, std::string_view content, const FileAccess& access) {
    PendingReportFile(path, access).commit(content);
}

}  // namespace camaudit::report
