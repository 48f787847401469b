// Waivers: the TOML loader (strict: every field known, dates real) and how a waiver changes
// a finding. Only Finding::status/reason and Compliance::status are written here.
#include <policy/waivers.hpp>

#include <camaudit/error.hpp>

#include <boost/asio/ip/address.hpp>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <tuple>
#include <optional>
#include <sstream>
#include <toml++/toml.h>

namespace camaudit::policy {
namespace {

constexpr std::size_t max_waiver_file = 1 << 20;
constexpr std::string_view hint = "see docs/waivers.md for the waiver file format";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

UsageError bad(const std::string& origin, std::size_t line, std::string_view field, std::string_view what) {
    return UsageError(fmt::format("{}:{}: field '{}': {}", origin, line, field, what), std::string(hint));
}

std::string text_field(const toml::node& node, const std::string& origin, std::string_view key) {
    const auto* s = node.as_string();
    if (!s || s->get().empty()) throw bad(origin, node.source().begin.line, key, "must be a non-empty string");
    return s->get();
}

// A TOML date (2026-12-31) or the same as a string; anything else names the field.
std::chrono::year_month_day date_field(const toml::node& node, const std::string& origin) {
    const auto line = node.source().begin.line;
    int y = 0;
    unsigned m = 0, d = 0;
    if (const auto* date = node.as_date()) {
        y = date->get().year, m = date->get().month, d = date->get().day;
    } else if (const auto* s = node.as_string()) {
        char tail = 0;
        if (std::sscanf(s->get().c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3 || s->get().size() != 10)
            throw bad(origin, line, "expires", "'" + s->get() + "' is not a date (YYYY-MM-DD)");
    } else {
        throw bad(origin, line, "expires", "must be a date (YYYY-MM-DD)");
    }
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) throw bad(origin, line, "expires", fmt::format("{:04}-{:02}-{:02} is not a real date", y, m, d));
    return ymd;
}

// "44:47:CC:01:02:03" or "44-47-cc-01-02-03", six pairs of hex digits; lower case with colons.
std::string mac_field(const toml::node& node, const std::string& origin) {
    std::string mac = lower(text_field(node, origin, "mac"));
    std::replace(mac.begin(), mac.end(), '-', ':');
    bool ok = mac.size() == 17;
    for (std::size_t i = 0; ok && i < mac.size(); ++i)
        ok = i % 3 == 2 ? mac[i] == ':' : std::isxdigit(static_cast<unsigned char>(mac[i])) != 0;
    if (!ok) throw bad(origin, node.source().begin.line, "mac", "'" + mac + "' is not a MAC address (aa:bb:cc:dd:ee:ff)");
    return mac;
}

std::string address_field(const toml::node& node, const std::string& origin) {
    std::string address = text_field(node, origin, "address");
    boost::system::error_code error;
    const auto parsed = boost::asio::ip::make_address(address, error);
    if (error)
        throw bad(origin, node.source().begin.line, "address", "'" + address + "' is not an IP address");
    return parsed.to_string();
}

// A waiver is evidence of a decision about one device: naming it twice (a MAC and a serial)
// would make it unclear which one was approved.
void check_one_device_key(const Waiver& w, const std::string& origin, std::size_t line) {
    std::vector<std::string> given;
    if (!w.mac.empty()) given.emplace_back("mac");
    if (!w.serial.empty()) given.emplace_back("serial");
    if (!w.address.empty()) given.emplace_back("address");
    if (given.empty()) throw bad(origin, line, "mac/serial/address", "a waiver names its device by one of these");
    if (given.size() > 1)
        throw bad(origin, line, fmt::format("{}", fmt::join(given, "/")),
                  "a waiver names its device by exactly one of mac, serial, address; write one waiver per key");
}

Waiver one_waiver(const toml::table& t, const std::string& origin) {
    Waiver w;
    const auto line = t.source().begin.line;
    w.origin = fmt::format("{}:{}", origin, line);
    bool has_expiry = false;
    for (const auto& [key, node] : t) {
        const std::string k(key.str());
        if (k == "mac") w.mac = mac_field(node, origin);
        else if (k == "serial") w.serial = text_field(node, origin, k);
        else if (k == "address") w.address = address_field(node, origin);
        else if (k == "regulation") w.regulation = text_field(node, origin, k);
        else if (k == "reason") w.reason = text_field(node, origin, k);
        else if (k == "approver") w.approver = text_field(node, origin, k);
        else if (k == "expires") { w.expires = date_field(node, origin); has_expiry = true; }
        else throw bad(origin, node.source().begin.line, k, "unknown field (known: mac, serial, address, regulation, "
                                                            "reason, approver, expires)");
    }
    check_one_device_key(w, origin, line);
    for (const auto& [field, value] : {std::pair{"regulation", &w.regulation}, {"reason", &w.reason}, {"approver", &w.approver}})
        if (value->empty()) throw bad(origin, line, field, "missing");
    if (!has_expiry) throw bad(origin, line, "expires", "missing: every waiver ends");
    return w;
}

// The key a TOML syntax error sits on, read from the offending line ("expires = 2026-13-01").
std::string key_on_line(std::string_view text, std::size_t line) {
    std::istringstream in{std::string(text)};
    std::string l;
    for (std::size_t i = 0; i < line && std::getline(in, l); ++i) {}
    const auto eq = l.find('=');
    if (eq == std::string::npos) return "?";
    auto key = l.substr(0, eq);
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    return key.empty() ? "?" : key;
}

// How many devices of the report the wire showed with each MAC.
std::map<std::string, std::size_t> wire_mac_counts(const std::vector<Device>& devices) {
    std::map<std::string, std::size_t> counts;
    for (const auto& d : devices)
        if (d.mac_on_wire && !d.mac.empty()) ++counts[lower(d.mac)];
    return counts;
}

bool serial_shared(const Device& d) {
    return std::any_of(d.shared_identity.begin(), d.shared_identity.end(),
                       [&](const SharedIdentity& s) { return s.key == "serial" && s.value == d.serial; });
}

// Whether the waiver names the device by what camaudit observed (issue 14): a MAC only as the
// wire showed it and no other device on the wire has it, a serial only while no other device
// of the report names it too; an address always.
struct Match {
    bool named = false;   // the device claims the waiver's MAC or serial
    std::string refusal;  // why the waiver does not apply although it is named; empty when it does
};

Match match(const Waiver& w, const Device& d, const std::map<std::string, std::size_t>& wire_macs) {
    if (!w.mac.empty()) {
        if (d.mac.empty() || lower(d.mac) != w.mac) return {};
        if (!d.mac_on_wire) return {true, "the MAC is only what the device says about itself, not seen on the wire"};
        if (wire_macs.at(w.mac) > 1) return {true, "another device on the wire shows the same MAC"};
        return {true, ""};
    }
    if (!w.serial.empty()) {
        if (d.serial.empty() || d.serial != w.serial) return {};
        if (serial_shared(d)) return {true, "another device of this report names the same serial"};
        return {true, ""};
    }
    if (d.ip.empty() || d.ip != w.address) return {};
    return {true, ""};
}

ComplianceStatus status_named(const std::string& s) {
    return compliance_status_named(s).value_or(ComplianceStatus::review);
}

// A device is reported by its worst open finding: one waived rule never hides another
// rule's finding (`waived` sorts above `review`, so a plain maximum would). Only when every
// finding is waived is the device.
ComplianceStatus status_after_waivers(const std::vector<Finding>& findings) {
    std::optional<ComplianceStatus> worst_open;
    for (const auto& f : findings) {
        if (f.status == "waived") continue;
        const auto s = status_named(f.status);
        if (!worst_open || s > *worst_open) worst_open = s;
    }
    return worst_open.value_or(ComplianceStatus::waived);
}

// Two waivers for the same device and rule leave it unclear which expiry holds.
void check_no_twins(const std::vector<Waiver>& waivers) {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::string> seen;
    for (const auto& w : waivers) {
        const auto [at, fresh] = seen.try_emplace({w.mac, w.serial, w.address, w.regulation}, w.origin);
        if (!fresh)
            throw UsageError(fmt::format("{}: the same device and regulation as the waiver at {}", w.origin, at->second),
                             "keep one waiver per device and regulation: " + std::string(hint));
    }
}

}  // namespace

std::string day_text(std::chrono::year_month_day d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

std::vector<Waiver> parse_waivers(std::string_view text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        const auto line = e.source().begin.line;
        throw bad(origin, line, key_on_line(text, line), std::string(e.description()));
    }
    std::vector<Waiver> out;
    for (const auto& [key, node] : root) {
        const auto* list = node.as_array();
        if (key.str() != "waiver" || !list)
            throw bad(origin, node.source().begin.line, key.str(), "unknown top-level field (use [[waiver]] tables)");
        for (const auto& item : *list) {
            const auto* t = item.as_table();
            if (!t) throw bad(origin, item.source().begin.line, "waiver", "each waiver is a [[waiver]] table");
            out.push_back(one_waiver(*t, origin));
        }
    }
    check_no_twins(out);
    return out;
}

void check_regulations(const std::vector<Waiver>& waivers, const RegulationDb& db) {
    for (const auto& w : waivers) {
        const auto& all = db.all();
        if (std::any_of(all.begin(), all.end(), [&](const Regulation& r) { return r.id == w.regulation; })) continue;
        std::string known;
        for (const auto& r : all) known += (known.empty() ? "" : ", ") + r.id;
        throw UsageError(fmt::format("{}: field 'regulation': '{}' is not a regulation camaudit knows (known: {})",
                                     w.origin, w.regulation, known),
                         "'camaudit policies' lists them with what each covers");
    }
}

std::vector<Waiver> load_waivers(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UsageError("cannot read waiver file " + file.string(), std::string(hint));
    std::string text(max_waiver_file + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_waiver_file) throw UsageError(file.string() + ": waiver file larger than 1 MiB");
    return parse_waivers(text, file.string());
}

void apply_waivers(std::vector<Device>& devices, const std::vector<Waiver>& waivers, std::chrono::year_month_day today) {
    const auto wire_macs = wire_mac_counts(devices);
    for (auto& d : devices) {
        bool touched = false;
        for (auto& f : d.compliance.findings) {
            if (f.status != "prohibited" && f.status != "review" && f.status != "advisory") continue;  // open findings
            for (const auto& w : waivers) {
                if (w.regulation != f.policy) continue;
                const auto found = match(w, d, wire_macs);
                if (!found.named) continue;
                if (!found.refusal.empty()) {
                    f.reason += fmt::format(" The waiver of {} was not applied: {}.", w.origin, found.refusal);
                    continue;
                }
                touched = true;
                if (today <= w.expires) {
                    f.status = "waived";
                    f.reason += fmt::format(" Waived until {} (approved by {}: {}; {}).", day_text(w.expires),
                                            w.approver, w.reason, w.origin);
                } else {
                    f.reason += fmt::format(" The waiver lapsed on {} (approved by {}: {}; {}); the finding stands again.",
                                            day_text(w.expires), w.approver, w.reason, w.origin);
                }
                break;
            }
        }
        if (touched) d.compliance.status = status_after_waivers(d.compliance.findings);
    }
}

std::chrono::year_month_day utc_today() {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace camaudit::policy
