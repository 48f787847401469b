// Loads fingerprints/vendors.json and resolves brand spellings to canonical vendors.
#include <identify/vendor_db.hpp>

#include <identify/data_file.hpp>

#include <algorithm>
#include <cctype>

namespace camaudit::identify {
namespace {

std::vector<std::string> string_list(const nlohmann::json& object, const char* key,
                                     const std::string& where) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it == object.end()) return out;
    if (!it->is_array()) data_error(where, std::string("'") + key + "' must be a list of strings");
    for (const auto& item : *it) {
        if (!item.is_string()) data_error(where, std::string("'") + key + "' must hold strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

VendorInfo parse_vendor(const nlohmann::json& item, const std::string& file) {
    if (!item.is_object()) data_error(file, "every vendor must be an object");
    VendorInfo vendor;
    vendor.name = optional_string(item, "name", file);
    if (vendor.name.empty()) data_error(file, "a vendor has no 'name'");
    const std::string where = file + ": vendor '" + vendor.name + "'";
    vendor.main_brand = optional_string(item, "main_brand", where);
    if (vendor.main_brand.empty()) vendor.main_brand = vendor.name;
    vendor.default_device_type = optional_string(item, "default_device_type", where);
    vendor.parent = optional_string(item, "parent", where);
    vendor.relation = optional_string(item, "relation", where);
    if (const auto cams = item.find("makes_cameras"); cams != item.end()) {
        if (!cams->is_boolean()) data_error(where, "'makes_cameras' must be true or false");
        vendor.makes_cameras = cams->get<bool>();
    }
    vendor.covered = !string_list(item, "covered_by", where).empty();
    vendor.legal_names = string_list(item, "legal_names", where);
    vendor.brands = string_list(item, "brands", where);
    vendor.relabels = string_list(item, "relabels", where);
    vendor.subsidiaries = string_list(item, "subsidiaries", where);
    return vendor;
}

}  // namespace

std::string fold_name(std::string_view name) {
    std::string out;
    for (const char c : name)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_relabel(const VendorInfo& vendor, std::string_view brand) {
    const std::string folded = fold_name(brand);
    if (folded.empty() || folded == fold_name(vendor.main_brand) || folded == fold_name(vendor.name)) return false;
    if (vendor.covered) return true;
    return std::any_of(vendor.relabels.begin(), vendor.relabels.end(),
                       [&](const std::string& r) { return fold_name(r) == folded; });
}

VendorDb VendorDb::load(const std::filesystem::path& path) {
    const std::string file = path.string();
    const auto data = read_json_file(path);
    if (!data.is_object() || !data.contains("vendors") || !data["vendors"].is_array())
        data_error(file, "must be an object with a 'vendors' list");
    VendorDb db;
    for (const auto& item : data["vendors"]) db.vendors_.push_back(parse_vendor(item, file));
    for (const auto& vendor : db.vendors_) {
        const std::string where = file + ": vendor '" + vendor.name + "'";
        auto add = [&](const std::string& name, bool own) {
            const auto [it, fresh] = db.brands_.emplace(fold_name(name), BrandInfo{name, vendor.name, own});
            if (!fresh && it->second.vendor != vendor.name)
                data_error(where, "brand '" + name + "' is also listed under '" + it->second.vendor + "'");
        };
        if (db.find(vendor.name) != &vendor) data_error(where, "is listed twice");
        add(vendor.main_brand, true);
        add(vendor.name, true);
        for (const auto& brand : vendor.brands) add(brand, true);
        for (const auto& relabel : vendor.relabels) add(relabel, false);
        for (const auto& legal : vendor.legal_names) {
            const auto [it, fresh] = db.legal_.emplace(fold_name(legal), vendor.name);
            if (!fresh && it->second != vendor.name)
                data_error(where, "legal name '" + legal + "' is also listed under '" + it->second + "'");
        }
    }
    for (const auto& vendor : db.vendors_)
        if (!vendor.parent.empty() && !db.find(vendor.parent))
            data_error(file + ": vendor '" + vendor.name + "'", "parent '" + vendor.parent + "' is not a vendor");
    return db;
}

const VendorInfo* VendorDb::find(std::string_view canonical) const {
    const auto it = std::find_if(vendors_.begin(), vendors_.end(),
                                 [&](const VendorInfo& v) { return v.name == canonical; });
    return it == vendors_.end() ? nullptr : &*it;
}

std::optional<BrandInfo> VendorDb::brand(std::string_view name) const {
    const auto it = brands_.find(fold_name(name));
    if (it == brands_.end()) return std::nullopt;
    return it->second;
}

const VendorInfo* VendorDb::by_legal_name(std::string_view organisation) const {
    const auto it = legal_.find(fold_name(organisation));
    return it == legal_.end() ? nullptr : find(it->second);
}

}  // namespace camaudit::identify
