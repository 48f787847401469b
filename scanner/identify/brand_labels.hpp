// Brand labels (fingerprints/brand_labels.json): where a device shows the brand it is sold
// under, matched against every brand and relabel of vendors.json, so relabels are named.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/signature.hpp>
#include <identify/vendor_db.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 { class RE2; }

namespace camaudit::identify {

struct Claim;
struct Knowledge;

// The rule id of a label claim is this prefix and the folded brand ("brand-label:ezviz").
inline constexpr std::string_view brand_label_rule_prefix = "brand-label:";

class BrandLabels {
public:
    // Loads the label keys and their weights; one whole-word pattern per brand of `vendors`
    // (not_labels left out). A folder without the file has no labels (a test folder).
    static BrandLabels load(const std::filesystem::path& file, const VendorDb& vendors);

    struct Brand {
        std::string name;                 // display spelling from vendors.json
        std::shared_ptr<const re2::RE2> pattern;
        Signature label_rule;             // stand-in rule of a label claim (vendor = the brand's vendor)
        Signature registry_rule;          // the same, for the MAC registry organisation (key "mac")
    };
    struct Hit {
        const Brand* brand = nullptr;
        std::size_t start = 0, length = 0;
    };

    // The label weight of an observation key, 0 when the key is no label.
    double weight_of(const std::string& key) const;
    double registry_weight() const { return registry_weight_; }
    // Every brand named as a whole word in `text`.
    std::vector<Hit> find(const std::string& text) const;

private:
    std::map<std::string, double> key_weights_;
    double registry_weight_ = 0;
    std::vector<std::shared_ptr<const Brand>> brands_;  // shared: rules stay put when Knowledge moves
};

// The brand claims of one observation: labels in its value, and (with_registry) the brand the
// MAC registry organisation of its MAC names.
std::vector<Claim> brand_label_claims(const Observation& observation, const Knowledge& knowledge, bool with_registry);

}  // namespace camaudit::identify
