// Merging claims into a Device: independent sources raise a score, weak lone signals stay
// weak, competing vendors lower the winner's confidence and are kept as conflicts.
#include <identify/merge.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace camaudit::identify {
namespace {

struct Score {
    std::string value;
    double score = 0;
    std::size_t sources = 0;
    std::set<std::string> rules;
};

// Two observations are independent sources when they come from different probes or keys;
// several hits of one key (the same marker on several paths) count once, at their best.
std::string source_of(const Claim& claim) {
    return claim.observation->probe + "|" + claim.observation->key;
}

template <typename Keep>
std::vector<Score> score_field(const std::vector<Claim>& claims, const std::string& field, Keep keep) {
    std::map<std::string, std::map<std::string, double>> best;  // value -> source -> weight
    std::map<std::string, std::set<std::string>> rules;
    for (const auto& claim : claims) {
        if (claim.field != field || claim.value.empty() || !keep(claim)) continue;
        double& weight = best[claim.value][source_of(claim)];
        weight = std::max(weight, claim.weight);
        rules[claim.value].insert(claim.rule->id);
    }
    std::vector<Score> scores;
    for (const auto& [value, sources] : best) {
        double missing = 1, strongest = 0;
        for (const auto& [source, weight] : sources) {
            missing *= 1 - weight;
            strongest = std::max(strongest, weight);
        }
        double score = 1 - missing;
        if (strongest <= weak_weight) score = std::min(score, weak_cap);
        scores.push_back({value, score, sources.size(), rules[value]});
    }
    std::sort(scores.begin(), scores.end(), [](const Score& a, const Score& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.sources != b.sources) return a.sources > b.sources;
        return a.value < b.value;
    });
    return scores;
}

std::string conflict_text(const std::string& field, const Score& score) {
    std::string rules;
    for (const auto& rule : score.rules) rules += (rules.empty() ? "" : ", ") + rule;
    return fmt::format("{}={} (score {:.2f} from {} source{}; rules {})", field, score.value,
                       score.score, score.sources, score.sources == 1 ? "" : "s", rules);
}

// The highest-weighted value of a captured field among claims that agree with the vendor.
template <typename Keep>
std::string best_value(const std::vector<Claim>& claims, const std::string& field, Keep keep) {
    const Claim* best = nullptr;
    for (const auto& claim : claims)
        if (claim.field == field && !claim.value.empty() && keep(claim) &&
            (!best || claim.weight > best->weight))
            best = &claim;
    return best ? best->value : std::string();
}

Evidence evidence_of(const Claim& claim) {
    const Observation& o = *claim.observation;
    return {o.probe, o.port, o.key, claim.excerpt, claim.rule->id,
            claim.field + "=" + claim.value, claim.weight, o.context};
}

void add_claim(std::vector<Claim>& out, const Observation& observation, const SignatureMatch& match,
               const std::string& field, const std::string& value) {
    if (value.empty()) return;
    out.push_back({field, value, match.rule->weight, &observation, match.rule,
                   excerpt_around(observation.value, match.start, match.length, max_excerpt_bytes)});
}

void choose_brand(Device& device, const std::vector<Claim>& claims, const VendorInfo* vendor) {
    auto agrees = [&](const Claim& c) { return c.rule->vendor.empty() || c.rule->vendor == device.vendor; };
    const auto brands = score_field(claims, "brand", agrees);
    if (!brands.empty()) device.brand = brands.front().value;
    for (std::size_t i = 1; i < brands.size(); ++i)
        device.conflicts.push_back(conflict_text("brand", brands[i]));
    if (!vendor) return;
    if (device.brand.empty()) device.brand = vendor->main_brand;
    device.relabel = fold_name(device.brand) != fold_name(vendor->main_brand) &&
                     fold_name(device.brand) != fold_name(vendor->name);
}

void choose_type(Device& device, const std::vector<Claim>& claims, const VendorInfo* vendor) {
    auto agrees = [&](const Claim& c) { return c.rule->vendor.empty() || c.rule->vendor == device.vendor; };
    const auto types = score_field(claims, "device_type", agrees);
    if (!types.empty()) device.device_type = types.front().value;
    else if (vendor) device.device_type = vendor->default_device_type;
    for (std::size_t i = 1; i < types.size(); ++i)
        device.conflicts.push_back(conflict_text("device_type", types[i]));
}

// A server that answers every vendor's characteristic path the same way (a catch-all 401 or
// 200) says nothing about which vendor it is: its path claims are dropped, and noted.
std::vector<Claim> without_catch_all(const std::vector<Claim>& claims, std::vector<std::string>& notes) {
    std::map<std::pair<std::uint16_t, std::string>, std::set<std::string>> vendors_by_answer;
    auto answer_of = [](const Claim& c) {
        const std::string& v = c.observation->value;
        return std::make_pair(c.observation->port, v.substr(v.find_last_of(' ') + 1));
    };
    for (const auto& c : claims)
        if (c.observation->key == "http.path.status" && c.field == "vendor")
            vendors_by_answer[answer_of(c)].insert(c.value);
    std::vector<Claim> kept;
    for (const auto& c : claims)
        if (c.observation->key != "http.path.status" || vendors_by_answer[answer_of(c)].size() < 2)
            kept.push_back(c);
    for (const auto& [answer, vendors] : vendors_by_answer) {
        if (vendors.size() < 2) continue;
        std::string names;
        for (const auto& name : vendors) names += (names.empty() ? "" : ", ") + name;
        notes.push_back(fmt::format("catch-all: port {} answered {} to the paths of {}; path evidence ignored",
                                    answer.first, answer.second, names));
    }
    return kept;
}

}  // namespace

std::vector<Claim> claims_of(const Observation& observation, const Knowledge& knowledge) {
    std::vector<Claim> out;
    for (const auto& match : knowledge.signatures.match(observation.key, observation.value)) {
        const Signature& rule = *match.rule;
        add_claim(out, observation, match, "vendor", rule.vendor);
        std::string brand = rule.brand;
        if (const auto it = match.captures.find("brand"); it != match.captures.end()) {
            const auto known = knowledge.vendors.brand(it->second);
            brand = known ? known->brand : it->second;
        }
        add_claim(out, observation, match, "brand", brand);
        add_claim(out, observation, match, "device_type", rule.device_type);
        for (const char* field : {"model", "firmware", "serial"})
            if (const auto it = match.captures.find(field); it != match.captures.end())
                add_claim(out, observation, match, field, it->second);
        if (!match.captures.contains("model")) add_claim(out, observation, match, "model", rule.product);
    }
    return out;
}

void merge_claims(Device& device, const std::vector<Claim>& all_claims, const Knowledge& knowledge) {
    const std::vector<Claim> claims = without_catch_all(all_claims, device.conflicts);
    for (const auto& claim : claims) device.evidence.push_back(evidence_of(claim));
    const auto vendors = score_field(claims, "vendor", [](const Claim&) { return true; });
    if (!vendors.empty()) {
        device.vendor = vendors.front().value;
        const double rival = vendors.size() > 1 ? vendors[1].score : 0;
        device.confidence = vendors.front().score * (1 - rival / 2);
        for (std::size_t i = 1; i < vendors.size(); ++i)
            device.conflicts.push_back(conflict_text("vendor", vendors[i]));
    }
    const VendorInfo* vendor = knowledge.vendors.find(device.vendor);
    auto agrees = [&](const Claim& c) { return c.rule->vendor.empty() || c.rule->vendor == device.vendor; };
    device.model = best_value(claims, "model", agrees);
    device.firmware = best_value(claims, "firmware", agrees);
    device.serial = best_value(claims, "serial", agrees);
    choose_brand(device, claims, vendor);
    choose_type(device, claims, vendor);
}

}  // namespace camaudit::identify
