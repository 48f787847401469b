// Merging claims into a Device: independent sources raise a score, weak lone signals stay
// weak, competing vendors lower the winner's confidence and are kept as conflicts.
#include <identify/merge.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <map>
#include <set>

namespace camaudit::identify {
namespace {

// The observation field OUI evidence names, and the key of the stand-in OUI rules.
constexpr const char* oui_key = "mac";
constexpr std::string_view passive_prefix = "passive:";

void add_signature_claims(std::vector<Claim>& out, const Observation& observation, const SignatureDb& db,
                          const Knowledge& knowledge);

struct Score {
    std::string value;
    double score = 0;
    std::size_t sources = 0;
    std::set<std::string> rules;
};

// Two observations are independent sources when they come from different probes or keys;
// several hits of one key (the same marker on several paths) count once, at their best. A
// passive decoder hears what the active probe of the same protocol asks for ("passive:http"
// and "http"), so both are one source: listening never adds a second vote (issue 14).
std::string source_of(const Claim& claim) {
    if (claim.rule->key == oui_key) return "oui";
    std::string_view probe = claim.observation->probe;
    if (probe.starts_with(passive_prefix)) probe.remove_prefix(passive_prefix.size());
    return std::string(probe) + "|" + claim.observation->key;
}

template <typename Keep>
std::vector<Score> score_field(const std::vector<Claim>& claims, const std::string& field, Keep keep) {
    std::map<std::string, std::map<std::string, double>> best;  // value -> source -> weight
    std::map<std::string, std::set<std::string>> rules;
    for (const auto& claim : claims) {
        if (claim.field != field || claim.value.empty() || !keep(claim)) continue;
        double& weight = best[claim.value][source_of(claim)];
        weight = std::max(weight, claim.weight);
        rules[claim.value].insert(rule_id_of(claim));
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
    const bool oui = claim.rule->key == oui_key;
    return {o.probe, oui ? std::uint16_t{0} : o.port, oui ? std::string(oui_key) : o.key, claim.excerpt,
            rule_id_of(claim), claim.field + "=" + claim.value, claim.weight,
            claim.note.empty() ? o.context : claim.note};
}

void add_claim(std::vector<Claim>& out, const Observation& observation, const SignatureMatch& match,
               const std::string& field, const std::string& value, const std::string& excerpt) {
    if (value.empty()) return;
    out.push_back({field, value, match.rule->weight, &observation, match.rule, excerpt, {}, {}});
}

void choose_brand(Device& device, const std::vector<Claim>& claims, const VendorInfo* vendor) {
    auto agrees = [&](const Claim& c) { return c.rule->vendor.empty() || c.rule->vendor == device.vendor; };
    auto brands = score_field(claims, "brand", agrees);
    // A device shows its maker's name in its firmware anyway: a sub-brand or relabel (EZVIZ,
    // LTS on a Hikvision) is the brand it is sold under, whatever the scores; a signature's
    // curated brand (Wisenet) goes before a label found by name (brand_labels.json).
    auto is_main = [&](const Score& s) {
        return vendor && (fold_name(s.value) == fold_name(vendor->main_brand) || fold_name(s.value) == fold_name(vendor->name));
    };
    auto only_labels = [](const Score& s) {
        return std::all_of(s.rules.begin(), s.rules.end(), [](const std::string& r) { return r.starts_with(brand_label_rule_prefix); });
    };
    std::stable_partition(brands.begin(), brands.end(), [&](const Score& s) { return !only_labels(s); });
    std::stable_partition(brands.begin(), brands.end(), [&](const Score& s) { return !is_main(s); });
    if (!brands.empty()) device.brand = brands.front().value;
    for (std::size_t i = 1; i < brands.size(); ++i)
        if (!is_main(brands[i])) device.conflicts.push_back(conflict_text("brand", brands[i]));
    if (!vendor) return;
    if (device.brand.empty()) device.brand = vendor->main_brand;
    device.relabel = is_relabel(*vendor, device.brand);
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

// True when every claim naming `vendor` is spoofable: a UDP answer without a request id, or
// the OUI of a MAC such an answer states about itself. A TCP answer (SSDP's LOCATION fetch
// included; an open port of the vendor's own, 37777 for Dahua, too: a spoofer cannot open a
// port on its victim), a nonce-bound UDP answer or a MAC on the wire confirms it.
bool rests_on_spoofable_answers(const std::vector<Claim>& claims, const std::string& vendor) {
    bool named = false;
    for (const auto& c : claims) {
        if (c.field != "vendor" || c.value != vendor) continue;
        const bool confirms = c.rule->key == oui_key ? mac_from_wire(*c.observation) : !spoofable_answer(*c.observation);
        if (confirms) return false;
        named = true;
    }
    return named;
}

// Hint claims (a port number) stay in the evidence, but they score only for a vendor that
// non-hint evidence already claims: an open 8000 alone never names Hikvision.
std::vector<Claim> without_lone_hints(std::vector<Claim> claims, std::vector<std::string>& notes) {
    std::set<std::string> backed;  // vendors some non-hint claim names
    for (const auto& c : claims)
        if (c.field == "vendor" && !c.rule->hint) backed.insert(c.value);
    std::set<std::string> lone;
    std::erase_if(claims, [&](const Claim& c) {
        if (!c.rule->hint) return false;
        const std::string& vendor = c.rule->vendor;
        if (vendor.empty() || backed.contains(vendor)) return false;
        if (c.field == "vendor") lone.insert(fmt::format("{} ({})", vendor, rule_id_of(c)));
        return true;
    });
    for (const auto& text : lone)
        notes.push_back("hint: " + text + " alone names no vendor (a port number only adds weight to other evidence)");
    return claims;
}

}  // namespace

bool mac_from_wire(const Observation& o) {
    return o.probe == "arp" || o.probe == "neighbour" || o.probe == "passive:arp";
}

bool spoofable_answer(const Observation& o) {
    if (o.proto != "udp") return false;
    std::string_view probe = o.probe;
    if (probe.starts_with(passive_prefix)) probe.remove_prefix(passive_prefix.size());
    return probe == "dhip" || probe == "ssdp";  // research protocols.md §4.1, §6: no request id
}

const std::string& rule_id_of(const Claim& claim) {
    return claim.rule_id.empty() ? claim.rule->id : claim.rule_id;
}

std::vector<Claim> oui_claims_of(const Observation& observation, const Knowledge& knowledge) {
    const OuiEntry* entry = knowledge.oui.table.lookup(observation.mac);
    if (!entry) return {};
    const VendorInfo* vendor = oui_vendor(*entry, knowledge);
    if (!vendor) return {};
    const auto rule = knowledge.oui.rules.find(vendor->name);
    if (rule == knowledge.oui.rules.end()) return {};
    Claim claim{"vendor", vendor->name, rule->second.weight, &observation, &rule->second, observation.mac,
                "oui:" + entry->prefix, fmt::format("IEEE {}: {}", entry->registry, entry->organisation)};
    return {std::move(claim)};
}

std::vector<Claim> claims_of(const Observation& observation, const Knowledge& knowledge) {
    std::vector<Claim> out;
    add_signature_claims(out, observation, knowledge.signatures, knowledge);
    for (const auto& site : knowledge.site_signatures) add_signature_claims(out, observation, site, knowledge);
    return out;
}

namespace {

void add_signature_claims(std::vector<Claim>& out, const Observation& observation, const SignatureDb& db,
                          const Knowledge& knowledge) {
    for (const auto& match : db.match(observation.key, observation.value)) {
        const Signature& rule = *match.rule;
        // One excerpt per match, shared by its claims (it is the costly part of a claim).
        const std::string excerpt = excerpt_around(observation.value, match.start, match.length, max_excerpt_bytes);
        add_claim(out, observation, match, "vendor", rule.vendor, excerpt);
        std::string brand = rule.brand;
        if (const auto it = match.captures.find("brand"); it != match.captures.end()) {
            const auto known = knowledge.vendors.brand(it->second);
            brand = known ? known->brand : it->second;
        }
        add_claim(out, observation, match, "brand", brand, excerpt);
        add_claim(out, observation, match, "device_type", rule.device_type, excerpt);
        for (const char* field : {"model", "firmware", "serial"})
            if (const auto it = match.captures.find(field); it != match.captures.end())
                add_claim(out, observation, match, field, it->second, excerpt);
        if (!match.captures.contains("model")) add_claim(out, observation, match, "model", rule.product, excerpt);
    }
}

}  // namespace

void merge_claims(Device& device, const std::vector<Claim>& all_claims, const Knowledge& knowledge) {
    std::vector<Claim> claims = without_catch_all(all_claims, device.conflicts);
    for (const auto& claim : claims) device.evidence.push_back(evidence_of(claim));
    claims = without_lone_hints(std::move(claims), device.conflicts);
    const auto vendors = score_field(claims, "vendor", [](const Claim&) { return true; });
    if (!vendors.empty()) {
        device.vendor = vendors.front().value;
        const double rival = vendors.size() > 1 ? vendors[1].score : 0;
        device.confidence = vendors.front().score * (1 - rival / 2);
        for (std::size_t i = 1; i < vendors.size(); ++i) {
            device.conflicts.push_back(conflict_text("vendor", vendors[i]));
            const auto& rival = vendors[i];
            const bool tied = rival.score == vendors.front().score && rival.sources == vendors.front().sources;
            device.rival_vendors.push_back({rival.value, rival.score, rival.sources,
                                            {rival.rules.begin(), rival.rules.end()}, tied});
        }
    }
    device.vendor_unconfirmed = !device.vendor.empty() && rests_on_spoofable_answers(claims, device.vendor);
    const VendorInfo* vendor = knowledge.vendors.find(device.vendor);
    auto agrees = [&](const Claim& c) { return c.rule->vendor.empty() || c.rule->vendor == device.vendor; };
    device.model = best_value(claims, "model", agrees);
    device.firmware = best_value(claims, "firmware", agrees);
    device.serial = best_value(claims, "serial", agrees);
    choose_brand(device, claims, vendor);
    choose_type(device, claims, vendor);
}

}  // namespace camaudit::identify
