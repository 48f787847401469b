// Report files: created new (0600, or 0640 for one named group), never through a symlink or
// with an old file's mode, written whole or not at all. The one place a report file is made.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace camaudit::report {

// Who may read a report besides its owner: nobody (mode 0600) or one group (mode 0640).
struct FileAccess {
    std::string group;  // a group name or number; empty: owner only
};

// Throws UsageError when `access` names a group this system does not have.
void check_access(const FileAccess& access);

// A new report file not yet in place: a temporary file beside the target, opened with
// O_CREAT|O_EXCL|O_NOFOLLOW (a planted symlink or file is never written through) and given
// its mode and group at once. commit() writes, fsyncs and renames it over the target (a
// symlink there is replaced, not followed); dropped without commit, it leaves nothing. It
// can be opened early (before a privilege drop) and committed at the end.
class PendingReportFile {
public:
    PendingReportFile(const std::filesystem::path& target, const FileAccess& access);  // throws RunError
    PendingReportFile(PendingReportFile&& other) noexcept;
    PendingReportFile& operator=(PendingReportFile&&) = delete;
    PendingReportFile(const PendingReportFile&) = delete;
    PendingReportFile& operator=(const PendingReportFile&) = delete;
    ~PendingReportFile();

    void commit(std::string_view content);  // throws RunError; the previous file survives a failure
    const std::filesystem::path& target() const { return target_; }

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    int fd_ = -1;
};

// Fails (RunError) before any packet is sent when `path` cannot be written.
void check_writable(const std::filesystem::path& path, const FileAccess& access = {});

// PendingReportFile(path, access).commit(content): a reader never sees half a report, and on
// failure the previous file at `path` survives. Throws RunError.
void write_atomically(const std::filesystem::path& path, std::string_view content, const FileAccess& access = {});

}  // namespace camaudit::report
