// The plain-text views of a report (the `text` format); terminal_summary is in report_writer.hpp.
#pragma once
#include <camaudit/report.hpp>
#include <report/printable.hpp>  // printable(), which every human view uses
#include <string>
#include <string_view>

namespace camaudit::report {

// Every device with its fields, open ports, evidence lines and findings, for a person.
std::string render_text(const Report& report);


}  // namespace camaudit::report
