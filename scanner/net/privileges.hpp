// Giving up root once the raw handles are open (design.md: "open the handle, then drop
// privileges"): what capture needs is held by the open descriptors, not by the process.
#pragma once
#include <filesystem>
#include <string>

namespace camaudit::net {

struct PrivilegeOptions {
    // The account to become when running as root; empty means the account that ran sudo
    // (SUDO_UID, so reports belong to the invoking user) or "nobody" without sudo. "root"
    // keeps root (an explicit choice, recorded in the report). Ignored when not root.
    std::string user;
};

struct PrivilegeDrop {
    bool dropped = false;
    std::string account;      // the user now running ("nobody"), or "root" when kept
    std::string description;  // one line for the report's scan options
};

// As root: setgroups to none, setgid and setuid to the account, then checks that
// getuid/geteuid and getgid/getegid are the account's and that setuid(0) fails; no
// capability is kept (every raw handle is open before the call). Not root (e.g. a binary
// with file capabilities), or root of a user namespace (uid_map not the identity, as under
// camaudit-lab): clears every capability of the process (capset). Either way it
// sets no_new_privs, so no later execve can gain privileges back. Call it while the process
// is single-threaded (capabilities are per thread). Throws RunError when the account does not
// exist or the drop does not hold: a scan never continues half-privileged.
PrivilegeDrop drop_privileges(const PrivilegeOptions& options);

// Whether the account drop_privileges would become may create `file` (write its folder,
// and replace the file if it exists); true when no drop would happen. Checked before the
// first packet so the report can still be written afterwards.
bool writable_after_drop(const PrivilegeOptions& options, const std::filesystem::path& file);

// Whether that account may read `file` (a --sign key, read again when the report is signed);
// true when no drop would happen.
bool readable_after_drop(const PrivilegeOptions& options, const std::filesystem::path& file);

// The account drop_privileges would become (the sudo invoker, else "nobody"), or "" when not root.
std::string drop_account(const PrivilegeOptions& options);

}  // namespace camaudit::net
