// The one privilege drop of every subcommand (docs/security.md): the report files are checked
// first, every raw handle is opened, then the process becomes --user with no capability.
#pragma once
#include <camaudit/report.hpp>
#include <net/privileges.hpp>

#include <string>
#include <vector>

namespace camaudit::app {

// Before any handle is opened: RunError (exit 3) naming the file when a report (not "-")
// could not be written once the process runs as the account drop_privileges will become.
// A --sign key (`sign_key`, may be empty) must be readable by that account too: it signs
// the report after the drop.
void check_reports_writable(const net::PrivilegeOptions& privileges, const std::vector<std::string>& files,
                            const std::string& sign_key = "");

// Drops privileges (net::drop_privileges) and records what it did in the report's options
// ("privileges"). Call it once the subcommand's sockets and files are open.
void drop_privileges_now(const net::PrivilegeOptions& privileges, Report& report);

}  // namespace camaudit::app
