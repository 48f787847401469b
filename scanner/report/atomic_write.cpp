// Atomic report writing: a cron job reading the report sees the old one or the new one, never
// half of either (temporary file beside the target, fsync, rename, fsync of the directory).
#include <report/report_writer.hpp>

#include <camaudit/error.hpp>

#include <cerrno>
#include <fcntl.h>
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

// A temporary file that removes itself unless committed: every failure path leaves nothing.
class TempFile {
public:
    explicit TempFile(const fs::path& target) {
        std::string name = (directory_of(target) / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
        fd_ = ::mkstemp(name.data());
        const int err = errno;
        if (fd_ < 0) fail(target, "cannot create a temporary file in " + directory_of(target).string(), err);
        path_ = name;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(path_.c_str());
    }
    int fd() const { return fd_; }
    const fs::path& path() const { return path_; }
    int close() {
        int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }
    void commit() { committed_ = true; }

private:
    int fd_ = -1;
    fs::path path_;
    bool committed_ = false;
};

void write_all(int fd, std::string_view content, const fs::path& target) {
    while (!content.empty()) {
        ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(target, "write failed", errno);
        content.remove_prefix(static_cast<std::size_t>(n));
    }
}

// The new report keeps the permissions of the one it replaces; a first report is 0644.
mode_t mode_for(const fs::path& target) {
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return st.st_mode & 07777;
    return 0644;
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

void check_writable(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw RunError("cannot write report " + path.string() + ": it is a directory");
    const fs::path dir = directory_of(path);
    if (!fs::exists(dir, ec))
        throw RunError("cannot write report " + path.string() + ": directory " + dir.string() + " does not exist");
    if (!fs::is_directory(dir, ec))
        throw RunError("cannot write report " + path.string() + ": " + dir.string() + " is not a directory");
    // Creating (and removing) the very kind of file write_atomically needs is the only test
    // that answers for ACLs, read-only mounts and quotas alike.
    TempFile probe(path);
}

void write_atomically(const fs::path& path, std::string_view content) {
    TempFile temp(path);
    write_all(temp.fd(), content, path);
    if (::fchmod(temp.fd(), mode_for(path)) != 0) fail(path, "chmod of the temporary file failed", errno);
    if (::fsync(temp.fd()) != 0) fail(path, "fsync failed", errno);
    if (temp.close() != 0) fail(path, "close failed", errno);
    if (::rename(temp.path().c_str(), path.c_str()) != 0) fail(path, "rename failed", errno);
    temp.commit();
    fsync_directory(directory_of(path), path);
}

}  // namespace camaudit::report
