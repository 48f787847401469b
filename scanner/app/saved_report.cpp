#include <app/saved_report.hpp>

#include <camaudit/error.hpp>

#include <fstream>

namespace camaudit::app {

nlohmann::json read_saved_report(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError("cannot read the report '" + path + "'");
    auto report = nlohmann::json::parse(in, nullptr, false);
    if (report.is_discarded() || !report.is_object() || !report.contains("devices") || !report["devices"].is_array())
        throw UsageError("'" + path + "' is not a camaudit JSON report (camaudit.report/1)");
    return report;
}

}  // namespace camaudit::app
