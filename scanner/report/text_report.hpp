// The plain-text views of a report (the `text` format); terminal_summary is in report_writer.hpp.
#pragma once
#include <camaudit/report.hpp>
#include <string>
#include <string_view>

namespace camaudit::report {

// Every device with its fields, open ports, evidence lines and findings, for a person.
std::string render_text(const Report& report);

// Text that came off the network made safe for a terminal: control bytes become \xNN, so an
// evidence value can never move the cursor or recolour the auditor's screen.
std::string printable(std::string_view text);

}  // namespace camaudit::report
