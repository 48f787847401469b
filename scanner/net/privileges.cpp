// setgroups/setgid/setuid as root, capset to nothing otherwise; both verified afterwards.
#include <net/privileges.hpp>

#include <camaudit/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <fmt/format.h>
#include <grp.h>
#include <linux/capability.h>
#include <cstdlib>
#include <sys/prctl.h>
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

// no_new_privs: an execve (there is none, but a hostile input must not make one useful)
// can never gain privileges through setuid bits or file capabilities again.
void forbid_new_privileges() {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("prctl(PR_SET_NO_NEW_PRIVS)");
    if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) throw RunError("cannot drop privileges: no_new_privs did not hold");
}

// Whether the calling thread holds any effective or permitted capability.
bool capabilities_left() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0) fail("capget");
    for (const auto& part : data)
        if (part.effective != 0 || part.permitted != 0) return true;
    return false;
}

// The account that ran `sudo camaudit ...`, when there is one: sudo sets SUDO_UID itself.
std::optional<std::string> sudo_invoker() {
    const char* text = std::getenv("SUDO_UID");
    if (text == nullptr || *text == '\0') return std::nullopt;
    char* end = nullptr;
    const unsigned long uid = std::strtoul(text, &end, 10);
    if (*end != '\0' || uid == 0) return std::nullopt;
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(static_cast<uid_t>(uid), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr)
        return std::nullopt;
    return std::string(found->pw_name);
}

PrivilegeDrop become(const Account& account) {
    if (setgroups(0, nullptr) != 0) fail("setgroups");
    if (setgid(account.gid) != 0) fail("setgid");
    if (setuid(account.uid) != 0) fail("setuid");
    if (getuid() != account.uid || geteuid() != account.uid || getgid() != account.gid ||
        getegid() != account.gid || (account.uid != 0 && setuid(0) == 0))
        throw RunError("cannot drop privileges: the user change did not hold");
    if (capabilities_left()) throw RunError("cannot drop privileges: capabilities remain after the user change");
    forbid_new_privileges();
    return {true, account.name, fmt::format("dropped to user {} (uid {}, gid {}), no capabilities, no_new_privs",
                                            account.name, account.uid, account.gid)};
}

PrivilegeDrop clear_capabilities() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capset, &header, data) != 0) fail("capset");
    if (capabilities_left()) throw RunError("cannot drop privileges: capabilities remain");
    forbid_new_privileges();
    return {true, "", "capabilities cleared, no_new_privs"};
}

// Whether this process runs in a user namespace (uid_map is not the initial identity map):
// root there is an unprivileged account outside, and no other account may be mapped in.
bool in_user_namespace() {
    std::ifstream map("/proc/self/uid_map");
    unsigned long inside = 0, outside = 0, count = 0;
    if (!(map >> inside >> outside >> count)) return false;
    return !(inside == 0 && outside == 0 && count == 4294967295ul);
}

bool may(const struct stat& st, const Account& who, mode_t user, mode_t group, mode_t other) {
    if (st.st_uid == who.uid) return (st.st_mode & user) != 0;
    if (st.st_gid == who.gid) return (st.st_mode & group) != 0;
    return (st.st_mode & other) != 0;
}

bool may_write(const struct stat& st, const Account& who) { return may(st, who, S_IWUSR, S_IWGRP, S_IWOTH); }

// Every folder from the root down to `folder` must let the account through (search, x): a
// 0777 folder inside a 0700 one is still out of its reach.
bool may_reach(const std::filesystem::path& folder, const Account& who) {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(folder, error);
    if (error) return false;
    std::filesystem::path walked;
    for (const auto& part : absolute) {
        walked /= part;
        struct stat st{};
        if (stat(walked.c_str(), &st) != 0 || !may(st, who, S_IXUSR, S_IXGRP, S_IXOTH)) return false;
    }
    return true;
}

}  // namespace

std::string drop_account(const PrivilegeOptions& options) {
    if (geteuid() != 0) return "";
    if (!options.user.empty()) return options.user;
    return sudo_invoker().value_or("nobody");
}

PrivilegeDrop drop_privileges(const PrivilegeOptions& options) {
    const auto name = drop_account(options);
    if (name.empty()) return clear_capabilities();
    if (name == "root") {
        forbid_new_privileges();
        return {false, "root", "kept root (--user root), no_new_privs"};
    }
    if (in_user_namespace()) {  // setgroups is denied and the account is not mapped: keep uid 0 of the namespace
        auto drop = clear_capabilities();
        drop.account = "root";
        drop.description = "in a user namespace (its uid 0 is an unprivileged user outside): " + drop.description;
        return drop;
    }
    return become(find_account(name));
}

bool writable_after_drop(const PrivilegeOptions& options, const std::filesystem::path& file) {
    const auto name = drop_account(options);
    if (name.empty() || name == "root" || in_user_namespace()) return true;
    const auto who = find_account(name);
    auto folder = file.parent_path();
    if (folder.empty()) folder = ".";
    struct stat st{};
    if (stat(folder.c_str(), &st) != 0 || !may_write(st, who) || !may_reach(folder, who)) return false;
    struct stat existing{};
    const bool sticky = (st.st_mode & S_ISVTX) != 0;
    if (sticky && stat(file.c_str(), &existing) == 0 && existing.st_uid != who.uid) return false;
    return true;
}

bool readable_after_drop(const PrivilegeOptions& options, const std::filesystem::path& file) {
    const auto name = drop_account(options);
    if (name.empty() || name == "root" || in_user_namespace()) return true;
    struct stat st{};
    const auto who = find_account(name);
    auto folder = file.parent_path();
    if (folder.empty()) folder = ".";
    return stat(file.c_str(), &st) == 0 && may(st, who, S_IRUSR, S_IRGRP, S_IROTH) && may_reach(folder, who);
}

}  // namespace camaudit::net
