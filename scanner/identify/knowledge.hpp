// What identification loads once from a fingerprints folder: signatures (installed and the
// site's own), vendor names, brand labels, and the MAC registry with the OUI claim each vendor gets.
#pragma once
#include <identify/brand_labels.hpp>
#include <identify/oui_table.hpp>
#include <identify/signature_db.hpp>
#include <identify/vendor_db.hpp>

#include <map>
#include <string>
#include <vector>

namespace camaudit::identify {

// The IEEE registry and fingerprints/oui_overrides.json, resolved to canonical vendors.
struct OuiKnowledge {
    OuiTable table;
    std::map<std::string, std::string> organisations;  // folded organisation -> vendor (overrides)
    // One stand-in rule per vendor (key "mac", weight from oui_overrides.json "weights"), so an
    // OUI claim scores and agrees like a signature claim; evidence names it "oui:<PREFIX>".
    std::map<std::string, Signature> rules;
    std::string registry_dir;  // where the IEEE files were read from, for `explain`
    std::size_t registry_entries = 0;  // assignments read from the IEEE files (overrides not counted)
};

struct Knowledge {
    SignatureDb signatures;                  // the installed (or --fingerprints) folder
    VendorDb vendors;
    std::vector<SignatureDb> site_signatures;  // --site-fingerprints folders, in order
    OuiKnowledge oui;
    BrandLabels brand_labels;  // fingerprints/brand_labels.json
};

// The canonical vendor an OUI entry names (override vendor, legal name, organisation map),
// or nullptr.
const VendorInfo* oui_vendor(const OuiEntry& entry, const Knowledge& knowledge);

}  // namespace camaudit::identify
