// Regulations (fingerprints/regulations/*.json) turned into a status and findings per device.
#pragma once
#include <camaudit/device.hpp>
#include <camaudit/finding.hpp>
#include <filesystem>
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
    // Additive (optional in the JSON): vendors whose coverage the research could not confirm
    // (a subset of `vendors`), whether brands/relabels of a vendor are confirmed covered, and
    // whether the rule only informs (names vendors but bars neither purchase nor use).
    std::vector<std::string> unverified_vendors;
    bool brands_verified = true;
    bool advisory = false;
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

// "named vendors", "every camera" or "no device": the words of the `reach` field.
std::string_view to_string(Regulation::Reach reach);

}  // namespace camaudit::policy
