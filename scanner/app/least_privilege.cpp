// Least privilege for every subcommand (least_privilege.hpp).
#include <app/least_privilege.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>

namespace camaudit::app {

void check_reports_writable(const net::PrivilegeOptions& privileges, const std::vector<std::string>& files,
                            const std::string& sign_key) {
    if (!sign_key.empty() && !net::readable_after_drop(privileges, sign_key))
        throw RunError(fmt::format("the --sign key {} would not be readable once privileges are dropped to user '{}'; "
                                   "let that user read it, or choose --user NAME (its owner)",
                                   sign_key, net::drop_account(privileges)));
    for (const auto& file : files)
        if (file != "-" && !net::writable_after_drop(privileges, file))
            throw RunError(fmt::format("the report {} would not be writable once privileges are dropped to user '{}'; "
                                       "write it to a folder that user may write, or choose --user NAME",
                                       file, net::drop_account(privileges)));
}

void drop_privileges_now(const net::PrivilegeOptions& privileges, Report& report) {
    const auto drop = net::drop_privileges(privileges);
    if (!drop.description.empty()) report.scan.options["privileges"] = drop.description;
}

}  // namespace camaudit::app
