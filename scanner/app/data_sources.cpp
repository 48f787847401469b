// The data block of the provenance: each body of data a run loaded, named by the SHA-256 of
// its files. The OUI registry's date comes from Debian's .lastupdate stamp (the seconds since
// the epoch that update-ieee-data writes beside the CSV files; the CSV files carry no date),
// else from the newest registry file's mtime; the report says which.
#include <app/provenance.hpp>

#include <app/content_digest.hpp>
#include <identify/knowledge.hpp>
#include <identify/oui_table.hpp>

#include <charconv>
#include <ctime>
#include <fstream>
#include <optional>
#include <sys/stat.h>

namespace camaudit::app {
namespace {
namespace fs = std::filesystem;

std::string utc_date(std::time_t seconds) {
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[16] = {};
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

DataSource folder_source(std::string kind, const fs::path& dir, const std::vector<std::string>& skip = {}) {
    const auto digest = digest_files(dir, files_under(dir, skip));
    return {std::move(kind), dir.string(), digest.sha256, digest.files, 0, {}, {}};
}

std::optional<std::time_t> lastupdate_stamp(const fs::path& dir) {
    std::ifstream in(dir / ".lastupdate");
    std::string text;
    if (!in || !std::getline(in, text)) return std::nullopt;
    long long seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end == text.data() || seconds <= 0) return std::nullopt;
    return static_cast<std::time_t>(seconds);
}

std::optional<std::time_t> newest_mtime(const fs::path& dir, const std::vector<std::string>& files) {
    std::optional<std::time_t> newest;
    for (const auto& name : files) {
        struct stat info{};
        if (::stat((dir / name).c_str(), &info) == 0 && (!newest || info.st_mtime > *newest)) newest = info.st_mtime;
    }
    return newest;
}

DataSource registry_source(const identify::OuiKnowledge& oui) {
    const fs::path dir = oui.registry_dir;
    std::vector<std::string> present;
    for (const char* name : identify::registry_file_names())
        if (fs::is_regular_file(dir / name)) present.emplace_back(name);
    const auto digest = digest_files(dir, present);
    DataSource source{"oui_registry", dir.string(), digest.sha256, digest.files, oui.registry_entries, {}, {}};
    if (const auto stamp = lastupdate_stamp(dir)) {
        source.date = utc_date(*stamp);
        source.date_source = ".lastupdate";
    } else if (const auto mtime = newest_mtime(dir, present)) {
        source.date = utc_date(*mtime);
        source.date_source = "file mtime";
    }
    return source;
}

}  // namespace

std::vector<DataSource> data_sources(const LoadedData& data) {
    std::vector<DataSource> sources;
    sources.push_back(folder_source("signatures", data.dir, {"regulations"}));
    for (const auto& site : data.site_dirs) sources.push_back(folder_source("site_signatures", site));
    sources.push_back(folder_source("regulations", data.dir / "regulations"));
    if (data.knowledge) sources.push_back(registry_source(data.knowledge->oui));
    return sources;
}

}  // namespace camaudit::app
