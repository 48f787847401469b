// Identification, policy and output, in the order design.md's pipeline gives them.
#include <app/pipeline.hpp>

#include <app/data_dir.hpp>
#include <camaudit/error.hpp>
#include <probes/registry.hpp>
#include <report/report_writer.hpp>

#include <cstdio>
#include <fmt/format.h>
#include <random>

namespace camaudit::app {

LoadedData load_data(const std::string& fingerprints_override,
                     const std::vector<std::string>& policy_ids) {
    LoadedData data;
    data.dir = fingerprints_dir(fingerprints_override);
    data.knowledge = identify::load_knowledge(data.dir);
    data.regulations = policy::RegulationDb::load(data.dir).select(policy_ids);
    data.probe_data = probes::load_probe_data(data.dir.string());
    return data;
}

void build_devices(Report& report, const std::vector<Observation>& observations,
                   const LoadedData& data) {
    report.devices = identify::identify_devices(observations, *data.knowledge);
    policy::apply_policy(report.devices, data.regulations);
}

int exit_code_for(const Report& report, FailOn fail_on) {
    for (const auto& device : report.devices) {
        const auto status = device.compliance.status;
        if (status == ComplianceStatus::prohibited) return static_cast<int>(ExitCode::prohibited);
        if (fail_on == FailOn::review && status == ComplianceStatus::review)
            return static_cast<int>(ExitCode::prohibited);
    }
    return static_cast<int>(ExitCode::clean);
}

void emit_report(const Report& report, const std::string& out, const std::string& format) {
    const auto& writer = report::find_format(format);
    const std::string content = writer.render(report);
    if (out == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        if (std::fflush(stdout) != 0) throw RunError("cannot write the report to standard output");
        return;
    }
    report::write_atomically(out, content);
}

std::string new_scan_id() {
    std::random_device random;
    return fmt::format("{:08x}{:08x}", random(), random());
}

}  // namespace camaudit::app
