// Regulations (fingerprints/regulations/*.json) turned into a status and findings per device.
#pragma once
#include <camaudit/device.hpp>
#include <camaudit/finding.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace camaudit::policy {

// A device the rule does not name but may reach through a part: a camera built on a covered
// maker's chipset (HiSilicon, Huawei's) is "review", with the rule's own words as the reason.
struct CoveredComponent {
    std::string vendor;  // the device's canonical vendor, e.g. "HiSilicon-based (unbranded)"
    std::string maker;   // the covered maker of the part, e.g. "Huawei"
    std::string reason;  // the clause that reaches it, quotable
    std::string source;
};

// One thing a rule forbids, whom it binds, and where that is written. `what` is "use",
// "procurement", "new_authorisation", "premises" or "export"; only "use" bars running a camera
// already installed, and "premises" bars it on the premises the rule names.
struct Forbids {
    std::string what;
    std::string binds;
    std::string source;
};

struct Regulation {
    std::string id;            // us-ndaa-889, ca-ica-hikvision-2025, ...
    std::string jurisdiction;
    std::string instrument;    // quotable title
    std::string effective;     // ISO date
    std::string scope;         // what it bars: purchase, use, government only, ...
    std::string summary;       // one paragraph an auditor can quote
    std::vector<std::string> sources;
    std::vector<std::string> vendors;  // canonical names; subsidiaries resolve via vendors.json
    bool verified = true;
    std::vector<Forbids> forbids;      // empty only for a rule that binds no device
    // Additive (optional in the JSON): vendors whose coverage the research could not confirm
    // (a subset of `vendors`) and whether brands/relabels of a vendor are confirmed covered.
    std::vector<std::string> unverified_vendors;
    bool brands_verified = true;
    // What the rule reaches. Most name vendors; some name none and set a test no banner can
    // answer (India's certification of each model), or bind no device at all (a procurement
    // power, a bill): those say so in `criterion` and are applied only when named (`opt_in`).
    enum class Reach { named_vendors, every_camera, no_device };
    Reach reach = Reach::named_vendors;
    std::string criterion;  // required unless reach == named_vendors
    bool opt_in = false;    // left out of the default "all regulations" selection
    std::vector<CoveredComponent> components;  // optional "components" in the JSON
    std::vector<std::string> notes;
    std::string file;
    // Set by a policy profile (profiles.hpp): the most a finding under this rule can be for
    // the profile's organisation, and the profile's words why. Unset: from `forbids`.
    std::optional<ComplianceStatus> ceiling;
    std::string ceiling_why;

    bool forbids_any(std::initializer_list<std::string_view> words) const;
};

class RegulationDb {
public:
    // Loads every regulations/*.json under the fingerprints folder; throws DataError naming
    // the file and field on a bad one.
    static RegulationDb load(const std::filesystem::path& fingerprints_dir);

    const std::vector<Regulation>& all() const { return regulations_; }

    // The regulations named by `ids` (empty = all but the opt-in ones). Throws UsageError for an unknown id,
    // listing the known ones.
    std::vector<Regulation> select(const std::vector<std::string>& ids) const;

private:
    std::vector<Regulation> regulations_;
};

// Sets each device's compliance from the selected regulations: prohibited, review, allowed,
// unknown, as design.md defines them. Never changes any other device field.
void apply_policy(std::vector<Device>& devices, const std::vector<Regulation>& selected);

// The most a finding under `r` can be: the profile's status when one set it, else from what
// the rule forbids: use → prohibited, premises only → review, anything else → advisory.
ComplianceStatus ceiling_of(const Regulation& r);

// Which statuses fail a run (exit 1), a ladder each step of which adds one status:
// prohibited; review; unknown; advisory. `waived` and `allowed` never fail it.
enum class FailOn { prohibited, review, unknown, advisory };
std::optional<FailOn> fail_on_named(std::string_view word);
bool fails(ComplianceStatus status, FailOn fail_on);

// "named vendors", "every camera" or "no device": the words of the `reach` field.
std::string_view to_string(Regulation::Reach reach);

}  // namespace camaudit::policy
