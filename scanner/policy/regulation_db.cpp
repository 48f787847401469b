// Loads fingerprints/regulations/*.json into Regulation values, strictly: a file that does not
// say who it covers, where it comes from and when it applies stops start-up (DataError).
#include <policy/policy.hpp>

#include <policy/json_fields.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace camaudit::policy {
namespace {

using nlohmann::json;

std::vector<std::string> string_list(const json& doc, const std::filesystem::path& file,
                                     const char* field, bool required) {
    auto it = doc.find(field);
    if (it == doc.end()) {
        if (required) fail(file, field, "is missing");
        return {};
    }
    if (!it->is_array() || (required && it->empty())) fail(file, field, "must be a non-empty array of strings");
    std::vector<std::string> out;
    for (const auto& item : *it) {
        if (!item.is_string() || item.get<std::string>().empty()) fail(file, field, "holds an item that is not a non-empty string");
        out.push_back(item.get<std::string>());
    }
    return out;
}

bool optional_bool(const json& doc, const std::filesystem::path& file, const char* field, bool fallback) {
    auto it = doc.find(field);
    if (it == doc.end()) return fallback;
    if (!it->is_boolean()) fail(file, field, "must be true or false");
    return it->get<bool>();
}

// "components": [{vendor, maker, reason, source}], every field a non-empty string.
std::vector<CoveredComponent> read_components(const json& doc, const std::filesystem::path& file) {
    auto it = doc.find("components");
    if (it == doc.end()) return {};
    if (!it->is_array()) fail(file, "components", "must be an array of {vendor, maker, reason, source}");
    std::vector<CoveredComponent> out;
    for (const auto& item : *it) {
        if (!item.is_object()) fail(file, "components", "holds an item that is not an object");
        out.push_back({required_string(item, file, "vendor"), required_string(item, file, "maker"),
                       required_string(item, file, "reason"), required_string(item, file, "source")});
    }
    return out;
}

// "forbids": [{what, binds, source}]: what the rule bars, whom, and where that is written.
// Required and non-empty, except for a rule that binds no device (it may forbid nothing).
std::vector<Forbids> read_forbids(const json& doc, const std::filesystem::path& file, Regulation::Reach reach) {
    static constexpr std::string_view words[] = {"use", "procurement", "new_authorisation", "premises", "export"};
    const auto it = doc.find("forbids");
    if (it == doc.end()) fail(file, "forbids", "is missing (what the rule bars: use, procurement, new_authorisation, premises, export)");
    if (!it->is_array() || (it->empty() && reach != Regulation::Reach::no_device))
        fail(file, "forbids", "must be a non-empty array of {what, binds, source}");
    std::vector<Forbids> out;
    for (const auto& item : *it) {
        if (!item.is_object()) fail(file, "forbids", "holds an item that is not an object");
        Forbids f{required_string(item, file, "what"), required_string(item, file, "binds"),
                  required_string(item, file, "source")};
        if (std::find(std::begin(words), std::end(words), f.what) == std::end(words))
            fail(file, "forbids", "names '" + f.what + "'; known: use, procurement, new_authorisation, premises, export");
        out.push_back(std::move(f));
    }
    return out;
}

// Reads `digits` decimal digits at `pos` into `out`; false when they are not all digits.
bool read_number(std::string_view text, std::size_t pos, std::size_t digits, int& out) {
    if (pos + digits > text.size()) return false;
    auto first = text.data() + pos;
    auto [end, ec] = std::from_chars(first, first + digits, out);
    return ec == std::errc{} && end == first + digits;
}

// ISO 8601 calendar date, full or reduced precision: YYYY, YYYY-MM or YYYY-MM-DD (some
// instruments are only dated to the year in the sources we have).
bool valid_iso_date(std::string_view text) {
    static constexpr int days_in_month[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = 0, month = 0, day = 0;
    if (!read_number(text, 0, 4, year)) return false;
    if (text.size() == 4) return true;
    if (text.size() < 7 || text[4] != '-' || !read_number(text, 5, 2, month)) return false;
    if (month < 1 || month > 12) return false;
    if (text.size() == 7) return true;
    if (text.size() != 10 || text[7] != '-' || !read_number(text, 8, 2, day)) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = (month == 2 && !leap) ? 28 : days_in_month[month - 1];
    return day >= 1 && day <= last;
}

// `reach` (default "named vendors"); a rule naming no vendor must say in `criterion` what an
// auditor checks instead, and is opt-in, so "all regulations" stays the vendor bans.
void read_reach(const json& doc, const std::filesystem::path& file, Regulation& r) {
    const auto it = doc.find("reach");
    if (it == doc.end()) return;
    const std::string word = it->is_string() ? it->get<std::string>() : std::string();
    using Reach = Regulation::Reach;
    if (word == "named vendors") r.reach = Reach::named_vendors;
    else if (word == "every camera") r.reach = Reach::every_camera;
    else if (word == "no device") r.reach = Reach::no_device;
    else fail(file, "reach", "must be \"named vendors\", \"every camera\" or \"no device\"");
    if (r.reach == Reach::named_vendors) return;
    r.criterion = required_string(doc, file, "criterion");
    r.opt_in = true;
}

Regulation read_regulation(const std::filesystem::path& file) {
    json doc = parse_file(file);
    Regulation r;
    r.file = file.string();
    r.id = required_string(doc, file, "id");
    r.jurisdiction = required_string(doc, file, "jurisdiction");
    r.instrument = required_string(doc, file, "instrument");
    r.effective = required_string(doc, file, "effective");
    if (!valid_iso_date(r.effective)) fail(file, "effective", "is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): '" + r.effective + "'");
    r.scope = required_string(doc, file, "scope");
    r.summary = required_string(doc, file, "summary");
    r.sources = string_list(doc, file, "sources", true);
    read_reach(doc, file, r);
    r.forbids = read_forbids(doc, file, r.reach);
    r.vendors = string_list(doc, file, "vendors", r.reach == Regulation::Reach::named_vendors);
    r.unverified_vendors = string_list(doc, file, "unverified_vendors", false);
    for (const auto& v : r.unverified_vendors)
        if (std::find(r.vendors.begin(), r.vendors.end(), v) == r.vendors.end())
            fail(file, "unverified_vendors", "names '" + v + "', which is not in 'vendors'");
    r.components = read_components(doc, file);
    r.notes = string_list(doc, file, "notes", false);
    r.verified = optional_bool(doc, file, "verified", true);
    r.brands_verified = optional_bool(doc, file, "brands_verified", true);
    if (doc.contains("advisory"))
        fail(file, "advisory", "is replaced by 'forbids': a rule that does not forbid use gives advisory findings");
    r.opt_in = optional_bool(doc, file, "opt_in", r.opt_in);
    if (r.reach != Regulation::Reach::named_vendors && !r.opt_in)
        fail(file, "opt_in", "must be true for a rule that names no vendor");
    return r;
}

std::string known_ids(const std::vector<Regulation>& regulations) {
    std::string out;
    for (const auto& r : regulations) out += (out.empty() ? "" : ", ") + r.id;
    return out;
}

}  // namespace

RegulationDb RegulationDb::load(const std::filesystem::path& fingerprints_dir) {
    const auto dir = fingerprints_dir / "regulations";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw DataError(dir.string() + ": regulations folder not found");
    const auto files = json_files(dir);

    RegulationDb db;
    std::map<std::string, std::string> seen;  // id -> file, to name both ends of a duplicate
    for (const auto& file : files) {
        Regulation r = read_regulation(file);
        auto [it, inserted] = seen.emplace(r.id, r.file);
        if (!inserted) fail(file, "id", "duplicates '" + r.id + "' of " + it->second);
        db.regulations_.push_back(std::move(r));
    }
    return db;
}

std::vector<Regulation> RegulationDb::select(const std::vector<std::string>& ids) const {
    std::vector<Regulation> out;
    if (ids.empty()) {
        std::copy_if(regulations_.begin(), regulations_.end(), std::back_inserter(out),
                     [](const Regulation& r) { return !r.opt_in; });
        return out;
    }
    for (const auto& id : ids) {
        auto it = std::find_if(regulations_.begin(), regulations_.end(),
                               [&](const Regulation& r) { return r.id == id; });
        if (it == regulations_.end())
            throw UsageError("unknown policy '" + id + "'; known policies: " + known_ids(regulations_),
                             "pick ids from the list, or omit --policy to apply all");
        if (std::none_of(out.begin(), out.end(), [&](const Regulation& r) { return r.id == id; }))
            out.push_back(*it);
    }
    return out;
}

std::string_view to_string(Regulation::Reach reach) {
    switch (reach) {
        case Regulation::Reach::named_vendors: return "named vendors";
        case Regulation::Reach::every_camera: return "every camera";
        case Regulation::Reach::no_device: return "no device";
    }
    return "named vendors";
}

}  // namespace camaudit::policy
