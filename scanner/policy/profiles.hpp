// Policy profiles (fingerprints/regulations/profiles/*.json): which rules bind one kind of
// organisation, and the most a finding under each can be for it.
#pragma once
#include <policy/policy.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace camaudit::policy {

// The profile a run applies when none is given: every rule but the opt-in ones, each
// finding's status from what the rule forbids (ceiling_of).
inline constexpr std::string_view default_profile = "all";

struct ProfileRule {
    std::string regulation;
    ComplianceStatus status;  // prohibited, review or advisory
    std::string why;          // quoted in each finding under the rule
};

// A device of this vendor and brand, confidently identified, gets `status` (checked by a test).
struct ProfileExample {
    std::string vendor;
    std::string brand;
    ComplianceStatus status;
};

struct Profile {
    std::string id;
    std::string title;
    std::string description;
    std::vector<ProfileRule> rules;
    std::vector<ProfileExample> examples;
    std::string file;
};

class ProfileDb {
public:
    // Loads every profiles/*.json of the regulations folder, strictly (DataError naming file and
    // field): known regulation ids only, and "prohibited" only under a rule that forbids use or
    // premises, since a rule that does not bar use gives an advisory finding at most.
    static ProfileDb load(const std::filesystem::path& fingerprints_dir, const RegulationDb& regulations);

    const std::vector<Profile>& all() const { return profiles_; }

    // The profile named `id`; UsageError listing the valid names (with "all") otherwise.
    const Profile& find(std::string_view id) const;

private:
    std::vector<Profile> profiles_;
};

// The rules a run applies: the profile's (each with its ceiling), or with no profile every
// rule but the opt-in ones; `ids` (--policy) narrows either to those regulations. UsageError
// for an id the data lacks or, under a profile, one the profile does not name.
std::vector<Regulation> select_rules(const RegulationDb& regulations, const Profile* profile,
                                     const std::vector<std::string>& ids);

}  // namespace camaudit::policy
