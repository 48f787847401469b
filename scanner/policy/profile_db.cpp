// Loads the policy profiles and turns a profile (or none) and --policy ids into the rules a
// run applies, each with the most its findings can be for the organisation.
#include <policy/profiles.hpp>

#include <policy/json_fields.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace camaudit::policy {
namespace {

using nlohmann::json;

const Regulation* find_regulation(const RegulationDb& db, std::string_view id) {
    const auto& all = db.all();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Regulation& r) { return r.id == id; });
    return it == all.end() ? nullptr : &*it;
}

ComplianceStatus status_field(const json& item, const std::filesystem::path& file, std::initializer_list<ComplianceStatus> allowed) {
    const std::string word = required_string(item, file, "status");
    const auto status = compliance_status_named(word);
    if (!status || std::find(allowed.begin(), allowed.end(), *status) == allowed.end()) {
        std::string names;
        for (auto s : allowed) names += (names.empty() ? "" : ", ") + std::string(to_string(s));
        fail(file, "status", "is '" + word + "'; one of: " + names);
    }
    return *status;
}

const json& array_field(const json& doc, const std::filesystem::path& file, const char* field) {
    const auto it = doc.find(field);
    if (it == doc.end() || !it->is_array() || it->empty()) fail(file, field, "must be a non-empty array of objects");
    for (const auto& item : *it)
        if (!item.is_object()) fail(file, field, "holds an item that is not an object");
    return *it;
}

ProfileRule read_rule(const json& item, const std::filesystem::path& file, const RegulationDb& db) {
    ProfileRule rule{required_string(item, file, "regulation"),
                     status_field(item, file, {ComplianceStatus::prohibited, ComplianceStatus::review, ComplianceStatus::advisory}),
                     required_string(item, file, "why")};
    const auto* r = find_regulation(db, rule.regulation);
    if (!r) fail(file, "regulation", "names '" + rule.regulation + "', which no regulations/*.json holds");
    if (rule.status == ComplianceStatus::prohibited && !r->forbids_any({"use", "premises"}))
        fail(file, "status", "is prohibited under '" + rule.regulation +
                                 "', which forbids neither use nor premises: its findings can be advisory or review only");
    return rule;
}

Profile read_profile(const std::filesystem::path& file, const RegulationDb& db) {
    const json doc = parse_file(file);
    Profile p;
    p.file = file.string();
    p.id = required_string(doc, file, "id");
    if (p.id == default_profile) fail(file, "id", "'all' is the built-in default profile");
    p.title = required_string(doc, file, "title");
    p.description = required_string(doc, file, "description");
    for (const auto& item : array_field(doc, file, "rules")) {
        auto rule = read_rule(item, file, db);
        if (std::any_of(p.rules.begin(), p.rules.end(), [&](const ProfileRule& r) { return r.regulation == rule.regulation; }))
            fail(file, "rules", "names '" + rule.regulation + "' twice");
        p.rules.push_back(std::move(rule));
    }
    for (const auto& item : array_field(doc, file, "examples")) {
        const auto brand = item.find("brand");
        p.examples.push_back({required_string(item, file, "vendor"),
                              brand == item.end() ? std::string() : required_string(item, file, "brand"),
                              status_field(item, file, {ComplianceStatus::prohibited, ComplianceStatus::review,
                                                        ComplianceStatus::advisory, ComplianceStatus::allowed})});
    }
    return p;
}

std::string profile_names(const std::vector<Profile>& profiles) {
    std::string out(default_profile);
    for (const auto& p : profiles) out += ", " + p.id;
    return out;
}

}  // namespace

ProfileDb ProfileDb::load(const std::filesystem::path& fingerprints_dir, const RegulationDb& regulations) {
    ProfileDb db;
    const auto dir = fingerprints_dir / "regulations" / "profiles";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return db;  // a data folder may ship none
    std::map<std::string, std::string> seen;
    for (const auto& file : json_files(dir)) {
        auto p = read_profile(file, regulations);
        if (auto [it, fresh] = seen.emplace(p.id, p.file); !fresh)
            fail(file, "id", "duplicates '" + p.id + "' of " + it->second);
        db.profiles_.push_back(std::move(p));
    }
    return db;
}

const Profile& ProfileDb::find(std::string_view id) const {
    const auto it = std::find_if(profiles_.begin(), profiles_.end(), [&](const Profile& p) { return p.id == id; });
    if (it == profiles_.end())
        throw UsageError(fmt::format("unknown profile '{}'; valid profiles: {}", id, profile_names(profiles_)),
                         "'camaudit policies' lists each profile with the rules it applies");
    return *it;
}

std::vector<Regulation> select_rules(const RegulationDb& regulations, const Profile* profile,
                                     const std::vector<std::string>& ids) {
    if (!profile) return regulations.select(ids);
    for (const auto& id : ids)
        if (std::none_of(profile->rules.begin(), profile->rules.end(), [&](const ProfileRule& r) { return r.regulation == id; }))
            throw UsageError(fmt::format("--policy '{}' is not a rule of profile '{}'", id, profile->id),
                             "'camaudit policies' lists the rules of each profile; drop --profile to pick any rule");
    std::vector<Regulation> out;
    for (const auto& rule : profile->rules) {
        if (!ids.empty() && std::find(ids.begin(), ids.end(), rule.regulation) == ids.end()) continue;
        Regulation r = *find_regulation(regulations, rule.regulation);
        r.ceiling = rule.status;
        r.ceiling_why = rule.why;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace camaudit::policy
