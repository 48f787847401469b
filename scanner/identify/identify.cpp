// identify_devices: observations grouped per host, matched, merged into devices.
#include <identify/identify.hpp>

#include <camaudit/error.hpp>
#include <identify/data_file.hpp>
#include <identify/knowledge.hpp>
#include <identify/merge.hpp>
#include <identify/shared_identity.hpp>

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

namespace camaudit::identify {
namespace {

// Every vendor and brand a rule names must be in vendors.json, so reports and policies
// speak of one spelling per company.
void check_rule_names(const SignatureDb& signatures, const VendorDb& vendors) {
    for (const auto& rule : signatures.rules()) {
        const std::string where = rule.file + ": rule '" + rule.id + "'";
        if (!rule.vendor.empty() && !vendors.find(rule.vendor))
            data_error(where, "vendor '" + rule.vendor + "' is not a canonical name in vendors.json");
        if (!rule.brand.empty() && !vendors.brand(rule.brand))
            data_error(where, "brand '" + rule.brand + "' is not listed in vendors.json");
    }
}

void check_site_ids(const SignatureDb& site, const std::map<std::string, std::string>& file_of_id) {
    for (const auto& rule : site.rules())
        if (const auto it = file_of_id.find(rule.id); it != file_of_id.end())
            data_error(rule.file + ": rule '" + rule.id + "'", "id already used in " + it->second +
                                                                   " (site rule ids must not collide)");
}

// Site folders load against the installed vocabulary and vendors.json.
std::vector<SignatureDb> load_site_signatures(const std::vector<std::filesystem::path>& site_dirs,
                                              const std::filesystem::path& fingerprints_dir,
                                              const SignatureDb& installed, const VendorDb& vendors) {
    std::map<std::string, std::string> file_of_id;
    for (const auto& rule : installed.rules()) file_of_id.emplace(rule.id, rule.file);
    std::vector<SignatureDb> sites;
    for (const auto& dir : site_dirs) {
        if (!std::filesystem::is_directory(dir))
            data_error(dir.string(), "is not a folder of signature files (--site-fingerprints)");
        auto site = SignatureDb::load(dir, fingerprints_dir);
        check_rule_names(site, vendors);
        check_site_ids(site, file_of_id);
        for (const auto& rule : site.rules()) file_of_id.emplace(rule.id, rule.file);
        sites.push_back(std::move(site));
    }
    return sites;
}

double oui_weight(const nlohmann::json& weights, const char* name, const std::string& file) {
    const auto it = weights.find(name);
    if (it == weights.end() || !it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
        data_error(file + ": weights", std::string("'") + name + "' must be a number within 0..1");
    return it->get<double>();
}

void load_oui_overrides(OuiKnowledge& oui, const std::filesystem::path& path, const VendorDb& vendors,
                        double& camera_weight, double& shared_weight) {
    if (!std::filesystem::exists(path)) return;  // a test folder may have none
    const std::string file = path.string();
    const auto data = read_json_file(path);
    if (!data.is_object()) data_error(file, "must be an object");
    if (const auto w = data.find("weights"); w != data.end()) {
        camera_weight = oui_weight(*w, "camera_maker", file);
        shared_weight = oui_weight(*w, "shared", file);
    }
    auto vendor_of = [&](const nlohmann::json& item, const std::string& where) {
        const std::string vendor = optional_string(item, "vendor", where);
        if (!vendors.find(vendor)) data_error(where, "vendor '" + vendor + "' is not a canonical name in vendors.json");
        if (optional_string(item, "source", where).empty()) data_error(where, "has no 'source'");
        return vendor;
    };
    for (const auto& item : data.value("organisations", nlohmann::json::array())) {
        const std::string name = optional_string(item, "organisation", file);
        oui.organisations[fold_name(name)] = vendor_of(item, file + ": organisation '" + name + "'");
    }
    for (const auto& group : data.value("prefixes", nlohmann::json::array())) {
        const std::string organisation = optional_string(group, "organisation", file);
        const std::string where = file + ": prefixes of '" + organisation + "'";
        const std::string vendor = vendor_of(group, where);
        for (const auto& prefix : group.value("prefixes", nlohmann::json::array()))
            if (!prefix.is_string() || !oui.table.add(prefix.get<std::string>(), "override", organisation, vendor))
                data_error(where, "'" + prefix.dump() + "' is not a 6, 7 or 9 hex digit prefix");
    }
}

// The registry, the overrides, and one stand-in rule per vendor with its OUI weight.
OuiKnowledge load_oui(const std::filesystem::path& fingerprints_dir, const std::filesystem::path& registry_dir,
                      const VendorDb& vendors) {
    OuiKnowledge oui;
    oui.registry_dir = (registry_dir.empty() ? default_registry_dir() : registry_dir).string();
    oui.table = OuiTable::load_registry(oui.registry_dir);
    oui.registry_entries = oui.table.size();
    double camera_weight = 0.5, shared_weight = 0.3;
    load_oui_overrides(oui, fingerprints_dir / "oui_overrides.json", vendors, camera_weight, shared_weight);
    for (const auto& vendor : vendors.vendors()) {
        Signature rule;
        rule.id = "oui";
        rule.key = "mac";
        rule.vendor = vendor.name;
        rule.weight = is_camera_type(vendor.default_device_type) ? camera_weight : shared_weight;
        rule.description = "IEEE MAC prefix assignment";
        rule.file = (fingerprints_dir / "oui_overrides.json").string();
        oui.rules.emplace(vendor.name, std::move(rule));
    }
    return oui;
}

std::string host_key(const Observation& o) { return o.ip.empty() ? o.mac : o.ip; }

bool address_less(const std::string& a, const std::string& b) {
    boost::system::error_code ea, eb;
    const auto x = boost::asio::ip::make_address(a, ea);
    const auto y = boost::asio::ip::make_address(b, eb);
    if (ea || eb) return ea == eb ? a < b : !ea;  // addresses first, then MAC-only hosts
    return x < y;
}

void add_port(Device& device, const Observation& o) {
    const auto same = [&](const OpenPort& p) { return p.port == o.port && p.proto == (o.proto.empty() ? "tcp" : o.proto); };
    if (std::none_of(device.open_ports.begin(), device.open_ports.end(), same))
        device.open_ports.push_back({o.port, o.proto.empty() ? "tcp" : o.proto, o.value});
}

Device build_device(const std::vector<const Observation*>& observations, const Knowledge& knowledge) {
    Device device;
    std::vector<Claim> claims;
    std::set<std::string> seen_macs;
    std::set<std::tuple<std::string_view, std::string_view, std::uint16_t, std::string_view, std::string_view,
                        std::string_view, std::string_view>> facts;
    for (const Observation* o : observations) {
        if (device.ip.empty()) device.ip = o->ip;
        // The MAC the wire shows outranks any MAC a device states about itself.
        if (!o->mac.empty() && !device.mac_on_wire && (device.mac.empty() || mac_from_wire(*o))) {
            device.mac = o->mac;
            device.mac_on_wire = mac_from_wire(*o);
        }
        if (device.hostname.empty() && o->key == "dhcp.hostname") device.hostname = o->value;  // the name it gave
        if (device.discovery.empty() && o->key == "host.discovery") device.discovery = o->value;
        if (device.first_seen == TimePoint{} || o->time < device.first_seen) device.first_seen = o->time;
        device.last_seen = std::max(device.last_seen, o->time);
        // The same fact heard again (a capture keeps its first and last hearing) is one claim.
        if (!facts.emplace(o->mac, o->key, o->port, o->proto, o->value, o->probe, o->context).second) continue;
        if (o->key == "tcp.port.open" || o->key == "udp.port.open") add_port(device, *o);
        auto more = claims_of(*o, knowledge);
        // One OUI claim per MAC and probe that saw it: the evidence names each probe once.
        const bool new_mac = !o->mac.empty() && seen_macs.insert(o->probe + "|" + o->mac).second;
        if (new_mac) {
            auto oui = oui_claims_of(*o, knowledge);
            more.insert(more.end(), oui.begin(), oui.end());
        }
        auto labels = brand_label_claims(*o, knowledge, new_mac);
        more.insert(more.end(), std::make_move_iterator(labels.begin()), std::make_move_iterator(labels.end()));
        claims.insert(claims.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    std::sort(device.open_ports.begin(), device.open_ports.end(),
              [](const OpenPort& a, const OpenPort& b) { return std::tie(a.port, a.proto) < std::tie(b.port, b.proto); });
    merge_claims(device, claims, knowledge);
    return device;
}

}  // namespace

std::shared_ptr<const Knowledge> load_knowledge(const std::filesystem::path& fingerprints_dir,
                                                const std::vector<std::filesystem::path>& site_dirs,
                                                const std::filesystem::path& registry_dir) {
    auto signatures = SignatureDb::load(fingerprints_dir);
    auto vendors = VendorDb::load(fingerprints_dir / "vendors.json");
    check_rule_names(signatures, vendors);
    auto sites = load_site_signatures(site_dirs, fingerprints_dir, signatures, vendors);
    auto oui = load_oui(fingerprints_dir, registry_dir, vendors);
    auto labels = BrandLabels::load(fingerprints_dir / "brand_labels.json", vendors);
    return std::make_shared<const Knowledge>(Knowledge{std::move(signatures), std::move(vendors), std::move(sites),
                                                       std::move(oui), std::move(labels)});
}

const VendorInfo* oui_vendor(const OuiEntry& entry, const Knowledge& knowledge) {
    if (!entry.vendor.empty()) return knowledge.vendors.find(entry.vendor);
    if (const auto* vendor = knowledge.vendors.by_legal_name(entry.organisation)) return vendor;
    const auto it = knowledge.oui.organisations.find(fold_name(entry.organisation));
    return it == knowledge.oui.organisations.end() ? nullptr : knowledge.vendors.find(it->second);
}

const SignatureDb& signatures(const Knowledge& knowledge) { return knowledge.signatures; }

std::vector<Device> identify_devices(std::span<const Observation> observations,
                                     const Knowledge& knowledge) {
    // A MAC seen with an address joins that host; MAC-only observations join it too.
    std::map<std::string, std::string> ip_of_mac;
    for (const auto& o : observations)
        if (!o.ip.empty() && !o.mac.empty()) ip_of_mac.emplace(o.mac, o.ip);
    std::map<std::string, std::vector<const Observation*>> hosts;
    for (const auto& o : observations) {
        std::string key = host_key(o);
        if (o.ip.empty() && ip_of_mac.contains(o.mac)) key = ip_of_mac[o.mac];
        if (!key.empty()) hosts[key].push_back(&o);
    }
    std::vector<std::string> order;
    for (const auto& [key, list] : hosts) order.push_back(key);
    std::sort(order.begin(), order.end(), address_less);
    std::vector<Device> devices;
    std::vector<std::set<std::string>> macs;
    for (const auto& key : order) {
        devices.push_back(build_device(hosts[key], knowledge));
        auto& named = macs.emplace_back();
        for (const Observation* o : hosts[key])
            if (!o->mac.empty()) named.insert(o->mac);
    }
    flag_shared_identities(devices, macs);
    return devices;
}

}  // namespace camaudit::identify
