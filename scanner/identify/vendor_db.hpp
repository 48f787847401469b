// fingerprints/vendors.json: the canonical vendor names, their legal names, brands, parents,
// subsidiaries and the OEM relabels that carry their firmware.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::identify {

struct VendorInfo {
    std::string name;                 // canonical: what Device::vendor holds
    std::string main_brand;           // the name on the vendor's own products
    std::string default_device_type;  // when evidence names the vendor but no type
    std::string parent;               // canonical name of the parent company, if any
    std::string relation;             // how it relates to the parent: subsidiary, component, ...
    bool makes_cameras = false;
    bool covered = false;             // vendors.json's covered_by names a regulation
    std::vector<std::string> legal_names;   // IEEE / registry spellings
    std::vector<std::string> brands;        // the vendor's own sub-brands
    std::vector<std::string> relabels;      // OEM brands selling its firmware
    std::vector<std::string> subsidiaries;  // companies it owns
};

// A brand as shown on a device, resolved to the vendor whose firmware it carries.
struct BrandInfo {
    std::string brand;   // display spelling from vendors.json
    std::string vendor;  // canonical vendor
    bool own = false;    // the vendor's own brand (not an OEM relabel)
};

class VendorDb {
public:
    // Throws DataError naming the file and the vendor for a malformed entry or a duplicate.
    static VendorDb load(const std::filesystem::path& file);

    const VendorInfo* find(std::string_view canonical) const;
    // A brand, relabel, alias or canonical name, matched ignoring case and punctuation
    // ("CP_PLUS" = "CP PLUS" = "CPPlus").
    std::optional<BrandInfo> brand(std::string_view name) const;
    // The vendor whose legal_names list this registry organisation (folded like brands).
    const VendorInfo* by_legal_name(std::string_view organisation) const;
    const std::vector<VendorInfo>& vendors() const { return vendors_; }

private:
    std::vector<VendorInfo> vendors_;
    std::map<std::string, BrandInfo> brands_;  // folded name -> brand
    std::map<std::string, std::string> legal_;  // folded legal name -> canonical vendor
};

// Whether `brand` shown on a device of `vendor` is a relabel: a brand of a covered maker
// sold under another name than the maker's (EZVIZ, LTS on a Hikvision: the name on the box
// hides the maker from the buyer), or an OEM brand vendors.json lists under relabels. An
// uncovered maker's own product lines (TP-Link's Tapo, Ubiquiti's UBNT) are brands.
bool is_relabel(const VendorInfo& vendor, std::string_view brand);

// Lower-case letters and digits only: the form brand names are compared in.
std::string fold_name(std::string_view name);

}  // namespace camaudit::identify
