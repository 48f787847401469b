// The html report's "How this report was made" section (the provenance block).
#pragma once
#include <camaudit/report.hpp>

#include <string>

namespace camaudit::report {

// The section's HTML, every value escaped; empty when the report has no provenance.
std::string provenance_section(const Report& report);

}  // namespace camaudit::report
