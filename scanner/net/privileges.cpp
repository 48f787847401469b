// setgroups/setgid/setuid as root, capset to nothing otherwise; both verified afterwards.
#include <net/privileges.hpp>

#include <camaudit/error.hpp>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <grp.h>
#include <linux/capability.h>
#include <optional>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace camaudit::net {
namespace {

struct Account {
    std::string name;
    uid_t uid;
    gid_t gid;
};

Account find_account(const std::string& name) {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    const int error = getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (error != 0 || found == nullptr)
        throw RunError(fmt::format("cannot drop privileges: no user '{}' on this system; name an existing "
                                   "unprivileged account with --user NAME", name));
    return {name, found->pw_uid, found->pw_gid};
}

[[noreturn]] void fail(const std::string& step) {
    throw RunError(fmt::format("cannot drop privileges: {} failed: {}", step, std::strerror(errno)));
}

PrivilegeDrop become(const Account& account) {
    if (setgroups(0, nullptr) != 0) fail("setgroups");
    if (setgid(account.gid) != 0) fail("setgid");
    if (setuid(account.uid) != 0) fail("setuid");
    if (getuid() != account.uid || geteuid() != account.uid || getgid() != account.gid ||
        getegid() != account.gid || (account.uid != 0 && setuid(0) == 0))
        throw RunError("cannot drop privileges: the user change did not hold");
    return {true, account.name, fmt::format("dropped to user {} (uid {}, gid {})", account.name, account.uid, account.gid)};
}

PrivilegeDrop clear_capabilities() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capset, &header, data) != 0) fail("capset");
    if (syscall(SYS_capget, &header, data) != 0) fail("capget");
    for (const auto& part : data)
        if (part.effective != 0 || part.permitted != 0) throw RunError("cannot drop privileges: capabilities remain");
    return {true, "", "capabilities cleared"};
}

bool may_write(const struct stat& st, const Account& who) {
    if (st.st_uid == who.uid) return (st.st_mode & S_IWUSR) != 0;
    if (st.st_gid == who.gid) return (st.st_mode & S_IWGRP) != 0;
    return (st.st_mode & S_IWOTH) != 0;
}

}  // namespace

std::string drop_account(const PrivilegeOptions& options) {
    if (geteuid() != 0) return "";
    return options.user.empty() ? "nobody" : options.user;
}

PrivilegeDrop drop_privileges(const PrivilegeOptions& options) {
    const auto name = drop_account(options);
    if (name.empty()) return clear_capabilities();
    if (name == "root") return {false, "root", "kept root (--user root)"};
    return become(find_account(name));
}

bool writable_after_drop(const PrivilegeOptions& options, const std::filesystem::path& file) {
    const auto name = drop_account(options);
    if (name.empty() || name == "root") return true;
    const auto who = find_account(name);
    auto folder = file.parent_path();
    if (folder.empty()) folder = ".";
    struct stat st{};
    if (stat(folder.c_str(), &st) != 0 || !may_write(st, who)) return false;
    struct stat existing{};
    const bool sticky = (st.st_mode & S_ISVTX) != 0;
    if (sticky && stat(file.c_str(), &existing) == 0 && existing.st_uid != who.uid) return false;
    return true;
}

}  // namespace camaudit::net
