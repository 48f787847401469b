// Brand labels: each brand of vendors.json as one whole-word RE2 pattern, tried on the
// observation keys brand_labels.json lists and on the MAC registry organisation.
#include <identify/brand_labels.hpp>

#include <identify/data_file.hpp>
#include <identify/knowledge.hpp>
#include <identify/merge.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <set>

namespace camaudit::identify {
namespace {

// "CP PLUS" matches "CP_PLUS", "CPPlus", "CP%20PLUS"; a brand never matches inside a word.
std::string word_pattern(const std::string& brand) {
    std::string body;
    for (char c : brand) {
        if (c == ' ' || c == '-' || c == '_') body += "(?:[ _-]|%20)?";
        else body += RE2::QuoteMeta(std::string(1, c));
    }
    return "(?i)(?:^|[^[:alnum:]])(" + body + ")(?:$|[^[:alnum:]])";
}

double label_weight(const nlohmann::json& value, const std::string& where) {
    if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > 1)
        data_error(where, "'weight' must be a number within 0..1");
    return value.get<double>();
}

Signature stand_in(const std::string& id, const std::string& key, const std::string& vendor,
                   const std::string& brand, double weight, const std::string& file) {
    Signature rule;
    rule.id = id;
    rule.key = key;
    rule.vendor = vendor;
    rule.brand = brand;
    rule.weight = weight;
    rule.description = "brand label (brand_labels.json)";
    rule.file = file;
    return rule;
}

}  // namespace

BrandLabels BrandLabels::load(const std::filesystem::path& path, const VendorDb& vendors) {
    BrandLabels labels;
    if (!std::filesystem::exists(path)) return labels;
    const std::string file = path.string();
    const auto data = read_json_file(path);
    if (!data.is_object() || !data.contains("keys") || !data["keys"].is_array())
        data_error(file, "must be an object with a 'keys' list");
    for (const auto& item : data["keys"]) {
        const std::string key = optional_string(item, "key", file);
        if (key.empty()) data_error(file, "a key entry has no 'key'");
        labels.key_weights_[key] = label_weight(item.value("weight", nlohmann::json()), file + ": key '" + key + "'");
    }
    labels.registry_weight_ = label_weight(data.value("mac_registry_weight", nlohmann::json()), file);
    std::set<std::string> skipped;
    for (const auto& item : data.value("not_labels", nlohmann::json::array())) {
        const std::string brand = optional_string(item, "brand", file);
        if (!vendors.brand(brand)) data_error(file, "not_labels names '" + brand + "', which is not a brand in vendors.json");
        skipped.insert(fold_name(brand));
    }
    std::set<std::string> seen;
    for (const auto& vendor : vendors.vendors()) {
        // The maker's own name is no label: its signatures and the OUI already name it, and a
        // second evidence line for the same field would only repeat them.
        seen.insert(fold_name(vendor.main_brand));
        std::vector<std::string> names(vendor.brands.begin(), vendor.brands.end());
        names.insert(names.end(), vendor.relabels.begin(), vendor.relabels.end());
        for (const auto& name : names) {
            const std::string folded = fold_name(name);
            if (folded.empty() || skipped.contains(folded) || !seen.insert(folded).second) continue;
            const auto shown = vendors.brand(name);
            const std::string display = shown ? shown->brand : name;
            auto pattern = std::make_shared<const RE2>(word_pattern(name));
            if (!pattern->ok()) data_error(file, "brand '" + name + "' gives no valid pattern");
            auto brand = std::make_shared<Brand>();
            brand->name = display;
            brand->pattern = std::move(pattern);
            brand->label_rule = stand_in(std::string(brand_label_rule_prefix) + folded, "brand.label", vendor.name, display, 0, file);
            brand->registry_rule = stand_in(std::string(brand_label_rule_prefix) + folded, "mac", vendor.name, display, 0, file);
            labels.brands_.push_back(std::move(brand));
        }
    }
    return labels;
}

double BrandLabels::weight_of(const std::string& key) const {
    const auto it = key_weights_.find(key);
    return it == key_weights_.end() ? 0 : it->second;
}

std::vector<BrandLabels::Hit> BrandLabels::find(const std::string& text) const {
    std::vector<Hit> hits;
    for (const auto& brand : brands_) {
        re2::StringPiece word;
        if (RE2::PartialMatch(text, *brand->pattern, &word))
            hits.push_back({brand.get(), static_cast<std::size_t>(word.data() - text.data()), word.size()});
    }
    // "Prama Hikvision" also holds "Prama" and "Hikvision": the longest name is the label.
    auto inside_another = [&](const Hit& h) {
        return std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
            return o.length > h.length && o.start <= h.start && h.start + h.length <= o.start + o.length;
        });
    };
    std::vector<Hit> kept;
    std::copy_if(hits.begin(), hits.end(), std::back_inserter(kept), [&](const Hit& h) { return !inside_another(h); });
    return kept;
}

std::vector<Claim> brand_label_claims(const Observation& observation, const Knowledge& knowledge, bool with_registry) {
    std::vector<Claim> out;
    const BrandLabels& labels = knowledge.brand_labels;
    if (const double weight = labels.weight_of(observation.key); weight > 0)
        for (const auto& hit : labels.find(observation.value))
            out.push_back({"brand", hit.brand->name, weight, &observation, &hit.brand->label_rule,
                           excerpt_around(observation.value, hit.start, hit.length, max_excerpt_bytes), {},
                           "brand label in " + observation.key});
    if (!with_registry || observation.mac.empty()) return out;
    const OuiEntry* entry = knowledge.oui.table.lookup(observation.mac);
    if (!entry) return out;
    for (const auto& hit : labels.find(entry->organisation))
        out.push_back({"brand", hit.brand->name, labels.registry_weight(), &observation, &hit.brand->registry_rule,
                       observation.mac, {}, fmt::format("brand label in IEEE {}: {}", entry->registry, entry->organisation)});
    return out;
}

}  // namespace camaudit::identify
