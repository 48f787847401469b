// Turns the selected regulations into findings and one status per device. Inventory first,
// policy after: only Device::compliance is written here.
#include <policy/policy.hpp>

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace camaudit {

std::string_view to_string(ComplianceStatus status) {
    switch (status) {
        case ComplianceStatus::allowed: return "allowed";
        case ComplianceStatus::advisory: return "advisory";
        case ComplianceStatus::unknown: return "unknown";
        case ComplianceStatus::review: return "review";
        case ComplianceStatus::waived: return "waived";
        case ComplianceStatus::prohibited: return "prohibited";
    }
    return "unknown";
}

std::optional<ComplianceStatus> compliance_status_named(std::string_view word) {
    for (auto s : {ComplianceStatus::allowed, ComplianceStatus::advisory, ComplianceStatus::unknown,
                   ComplianceStatus::review, ComplianceStatus::waived, ComplianceStatus::prohibited})
        if (to_string(s) == word) return s;
    return std::nullopt;
}

}  // namespace camaudit

namespace camaudit::policy {
namespace {

// Below this vendor confidence a covered vendor is a lead for the auditor, not a verdict.
constexpr double confident_threshold = 0.6;
constexpr double strong_threshold = 0.85;

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

bool names(const std::vector<std::string>& list, std::string_view vendor) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& v) { return same_name(v, vendor); });
}

bool shown_under_other_brand(const Device& d) {
    return d.relabel || (!d.brand.empty() && !same_name(d.brand, d.vendor));
}

std::string subject(const Device& d) {
    std::string out = "Vendor " + d.vendor;
    if (shown_under_other_brand(d))
        out += " (brand " + (d.brand.empty() ? std::string("unnamed") : d.brand) +
               (d.relabel ? ", OEM relabel)" : ")");
    return out;
}

// Which probes backed the vendor claim: the auditor's answer to "how do you know?".
std::string evidence_strength(const Device& d) {
    std::vector<std::string> sources;
    const std::string claim = "vendor=" + d.vendor;
    for (const auto& e : d.evidence)
        if (same_name(e.claim, claim) && std::find(sources.begin(), sources.end(), e.source) == sources.end())
            sources.push_back(e.source);
    const char* word = d.confidence >= strong_threshold ? "strong"
                       : d.confidence >= confident_threshold ? "moderate" : "weak";
    std::string out = fmt::format("identified on {} evidence (confidence {:.2f}", word, d.confidence);
    out += sources.empty() ? "; no vendor evidence recorded" : "; vendor claims from " + fmt::format("{}", fmt::join(sources, ", "));
    if (!d.conflicts.empty()) out += fmt::format("; {} competing claim(s) kept", d.conflicts.size());
    return out + ")";
}

// Why a covered vendor is only "review" under this rule; empty when nothing holds it back.
std::vector<std::string> review_causes(const Regulation& r, const Device& d) {
    std::vector<std::string> causes;
    if (d.confidence < confident_threshold)
        causes.push_back(fmt::format("the vendor evidence is weak (confidence {:.2f} < {:.2f}); confirm the maker before acting",
                                     d.confidence, confident_threshold));
    if (d.vendor_unconfirmed)
        causes.push_back("unconfirmed UDP claim: the vendor rests only on DHIP/SSDP answers, which carry no request id "
                         "and can be sent with another host's address; no TCP answer, LOCATION fetch or MAC on the wire "
                         "confirms it");
    if (!r.verified)
        causes.push_back("this rule is unverified in camaudit's sources; check the primary text before acting");
    if (names(r.unverified_vendors, d.vendor))
        causes.push_back("the rule's coverage of " + d.vendor + " is unverified in camaudit's sources; check the current list");
    if (!r.brands_verified && shown_under_other_brand(d))
        causes.push_back("the rule's coverage of " + d.vendor + "'s other brands and relabels is unverified");
    return causes;
}

Finding make_finding(const Regulation& r, const Device& d) {
    const auto causes = review_causes(r, d);
    const auto status = causes.empty() ? ComplianceStatus::prohibited : ComplianceStatus::review;
    std::string reason = subject(d) + ", " + evidence_strength(d) + ", is covered by " + r.instrument +
                         " [" + r.id + "]. What the rule bars: " + r.scope + ".";
    if (!causes.empty()) reason += fmt::format(" Status review: {}.", fmt::join(causes, "; "));
    return Finding{r.id, r.jurisdiction, r.instrument, std::move(reason),
                   r.sources.empty() ? std::string() : r.sources.front(), std::string(to_string(status))};
}

// A rule that names no vendor but sets a test for every camera (India's certification of each
// model): the wire cannot answer it, so each camera is a review item stating the test.
Finding criterion_finding(const Regulation& r, const Device& d) {
    const std::string what = d.vendor.empty() ? std::string("This camera") : subject(d);
    std::string reason = what + (d.model.empty() ? std::string() : ", model " + d.model) +
                         (d.firmware.empty() ? std::string() : ", firmware " + d.firmware) + ", falls under " +
                         r.instrument + " [" + r.id + "], which names no vendor. What to check: " + r.criterion +
                         ". Status review: camaudit cannot establish this from the network.";
    return Finding{r.id, r.jurisdiction, r.instrument, std::move(reason),
                   r.sources.empty() ? std::string() : r.sources.front(), "review"};
}

// A covered maker the evidence names strongly enough, or as strongly as the device's own
// vendor (a tie that only name order settled), though another vendor won: the auditor must
// see it, since strong evidence of a covered maker is never outvoted into "allowed".
const RivalVendor* contested_by(const Regulation& r, const Device& d) {
    if (r.reach != Regulation::Reach::named_vendors || names(r.vendors, d.vendor)) return nullptr;
    for (const auto& rival : d.rival_vendors)
        if (names(r.vendors, rival.vendor) && (rival.score >= confident_threshold || rival.tied))
            return &rival;
    return nullptr;
}

Finding contested_finding(const Regulation& r, const Device& d, const RivalVendor& rival) {
    const std::string reason = fmt::format(
        "{}, {}; but the evidence also names {} (score {:.2f} from {} source{}; rules {}), which {} [{}] "
        "covers. What the rule bars: {}. Status review: the device claims two makers; confirm which one "
        "built it before acting.",
        subject(d), evidence_strength(d), rival.vendor, rival.score, rival.sources, rival.sources == 1 ? "" : "s",
        fmt::join(rival.rules, ", "), r.instrument, r.id, r.scope);
    return Finding{r.id, r.jurisdiction, r.instrument, reason,
                   r.sources.empty() ? std::string() : r.sources.front(), "review"};
}

const CoveredComponent* component_of(const Regulation& r, const Device& d) {
    if (d.vendor.empty()) return nullptr;
    for (const auto& c : r.components)
        if (same_name(c.vendor, d.vendor)) return &c;
    return nullptr;
}

// A device built on a covered maker's part, with no other maker named: never "allowed", and
// never "prohibited" either, since whether the part makes it covered is the auditor's call.
Finding component_finding(const Regulation& r, const Device& d, const CoveredComponent& c) {
    std::string reason = fmt::format("{}, {}, carries a part made by {}, which {} [{}] covers. {}. Status review: "
                                     "confirm the chipset and whether the rule reaches this device before acting.",
                                     subject(d), evidence_strength(d), c.maker, r.instrument, r.id, c.reason);
    return Finding{r.id, r.jurisdiction, r.instrument, std::move(reason), c.source, "review"};
}

bool reaches(const Regulation& r, const Device& d) {
    switch (r.reach) {
        case Regulation::Reach::named_vendors: return !d.vendor.empty() && names(r.vendors, d.vendor);
        case Regulation::Reach::every_camera: return is_camera_type(d.device_type);
        case Regulation::Reach::no_device: return false;
    }
    return false;
}

ComplianceStatus status_of(const Finding& f) {
    return compliance_status_named(f.status).value_or(ComplianceStatus::review);
}

std::string forbidden_words(const Regulation& r) {
    std::vector<std::string> words;
    for (const auto& f : r.forbids) words.push_back(f.what);
    return words.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(words, ", "));
}

// Why a finding under `r` stops at `ceiling` when no profile says: what the rule forbids.
std::string ceiling_cause(const Regulation& r, ComplianceStatus ceiling) {
    const auto premises = std::find_if(r.forbids.begin(), r.forbids.end(),
                                       [](const Forbids& f) { return f.what == "premises"; });
    if (ceiling == ComplianceStatus::review && premises != r.forbids.end())
        return "the rule forbids it on the premises it names only (" + premises->binds +
               "); confirm whether this device is on them";
    return "the rule forbids " + forbidden_words(r) + ", not the use of equipment already installed";
}

// A finding never goes above what the rule forbids for this organisation (its ceiling); the
// reason says why it stopped there, and under which profile.
Finding capped(Finding f, const Regulation& r) {
    const auto ceiling = ceiling_of(r);
    const bool lowered = status_of(f) > ceiling;
    if (lowered) f.status = std::string(to_string(ceiling));
    if (r.ceiling) f.reason += fmt::format(" {} {}.", lowered ? "Status " + f.status + " under" : std::string("Under"), r.ceiling_why);
    else if (lowered) f.reason += fmt::format(" Status {}: {}.", f.status, ceiling_cause(r, ceiling));
    return f;
}

Compliance assess(const Device& d, const std::vector<Regulation>& selected) {
    Compliance c;
    // A host nothing was recognised on may be a camera: unknown, never a silent "allowed".
    const bool unidentified = d.vendor.empty() && (d.device_type.empty() || is_camera_type(d.device_type));
    c.status = unidentified ? ComplianceStatus::unknown : ComplianceStatus::allowed;
    for (const auto& r : selected) {
        if (const auto* rival = contested_by(r, d)) c.findings.push_back(contested_finding(r, d, *rival));
        else if (const auto* part = component_of(r, d)) c.findings.push_back(component_finding(r, d, *part));
        else if (!reaches(r, d)) continue;
        else c.findings.push_back(r.reach == Regulation::Reach::every_camera ? criterion_finding(r, d) : make_finding(r, d));
        c.findings.back() = capped(std::move(c.findings.back()), r);
        // The enum is ordered by severity, so the device takes its worst finding; an advisory
        // one leaves a camera of unknown maker unknown.
        c.status = std::max(c.status, status_of(c.findings.back()));
    }
    return c;
}

}  // namespace

bool Regulation::forbids_any(std::initializer_list<std::string_view> words) const {
    return std::any_of(forbids.begin(), forbids.end(), [&](const Forbids& f) {
        return std::find(words.begin(), words.end(), f.what) != words.end();
    });
}

ComplianceStatus ceiling_of(const Regulation& r) {
    if (r.ceiling) return *r.ceiling;
    if (r.forbids_any({"use"})) return ComplianceStatus::prohibited;
    if (r.forbids_any({"premises"})) return ComplianceStatus::review;
    return ComplianceStatus::advisory;
}

std::optional<FailOn> fail_on_named(std::string_view word) {
    if (word == "prohibited") return FailOn::prohibited;
    if (word == "review") return FailOn::review;
    if (word == "unknown") return FailOn::unknown;
    if (word == "advisory") return FailOn::advisory;
    return std::nullopt;
}

bool fails(ComplianceStatus status, FailOn fail_on) {
    switch (status) {
        case ComplianceStatus::prohibited: return true;
        case ComplianceStatus::review: return fail_on != FailOn::prohibited;
        case ComplianceStatus::unknown: return fail_on == FailOn::unknown || fail_on == FailOn::advisory;
        case ComplianceStatus::advisory: return fail_on == FailOn::advisory;
        case ComplianceStatus::waived:
        case ComplianceStatus::allowed: return false;
    }
    return false;
}

void apply_policy(std::vector<Device>& devices, const std::vector<Regulation>& selected) {
    for (auto& d : devices) d.compliance = assess(d, selected);
}

}  // namespace camaudit::policy
