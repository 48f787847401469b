// "How this report was made": the command line (secrets already redacted), the environment,
// the config and its hash, host and source addresses, the build and the data's hashes, so an
// officer can tell this run's page from any other's.
#include <report/html_provenance.hpp>

#include <report/report_writer.hpp>

#include <fmt/format.h>

namespace camaudit::report {
namespace {

std::string esc(std::string_view text) { return html_escape(text); }

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + esc(item);
    return out.empty() ? "-" : out;
}

std::string row(std::string_view label, const std::string& html) {
    return fmt::format("<tr><th>{}</th><td>{}</td></tr>", label, html);
}

std::string data_table(const std::vector<DataSource>& data) {
    std::string out = "<table id=\"provenance-data\"><tr><th>Data</th><th>Folder</th><th>Files</th><th>SHA-256</th>"
                      "<th>Entries / date</th></tr>";
    for (const auto& d : data) {
        const std::string extra = d.kind == "oui_registry"
                                      ? fmt::format("{} entries, {} ({})", d.entries, d.date.empty() ? "-" : esc(d.date),
                                                    d.date_source.empty() ? "no date" : esc(d.date_source))
                                      : "-";
        out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                           esc(d.kind), esc(d.path), d.files, esc(d.sha256), extra);
    }
    return out + "</table>";
}

}  // namespace

std::string provenance_section(const Report& report) {
    const Provenance& p = report.provenance;
    if (p.command_line.empty()) return {};
    std::string environment;
    for (const auto& [name, value] : p.environment) environment += (environment.empty() ? "" : "<br>") + esc(name) + "=" + esc(value);
    const std::string config = p.config_path.empty()
                                   ? std::string("none")
                                   : fmt::format("<code>{}</code> ({})<br>SHA-256 <code>{}</code>", esc(p.config_path),
                                                 esc(p.config_absolute), esc(p.config_sha256));
    std::string out = "<section id=\"provenance\"><h2>How this report was made</h2><table>";
    out += row("Scan", "<code>" + esc(report.scan.id) + "</code>");
    out += row("Command line", "<code>" + joined(p.command_line, " ") + "</code>");
    out += row("Environment", environment.empty() ? "-" : environment);
    out += row("Config", config);
    out += row("Host", esc(p.host));
    out += row("Sent from", joined(p.source_addresses, ", "));
    out += row("Interfaces", joined(p.interfaces, ", "));
    out += row("camaudit", fmt::format("{} (commit <code>{}</code>)", esc(report.tool_version), esc(p.git_commit)));
    return out + "</table>" + data_table(p.data) + "</section>";
}

}  // namespace camaudit::report
