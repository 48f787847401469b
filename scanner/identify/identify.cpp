// identify_devices: observations grouped per host, matched, merged into devices.
#include <identify/identify.hpp>

#include <camaudit/error.hpp>
#include <identify/data_file.hpp>
#include <identify/knowledge.hpp>
#include <identify/merge.hpp>

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <map>

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
    for (const Observation* o : observations) {
        if (device.ip.empty()) device.ip = o->ip;
        if (device.mac.empty()) device.mac = o->mac;
        if (device.first_seen == TimePoint{} || o->time < device.first_seen) device.first_seen = o->time;
        device.last_seen = std::max(device.last_seen, o->time);
        if (o->key == "tcp.port.open" || o->key == "udp.port.open") add_port(device, *o);
        auto more = claims_of(*o, knowledge);
        claims.insert(claims.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    std::sort(device.open_ports.begin(), device.open_ports.end(),
              [](const OpenPort& a, const OpenPort& b) { return std::tie(a.port, a.proto) < std::tie(b.port, b.proto); });
    merge_claims(device, claims, knowledge);
    return device;
}

}  // namespace

std::shared_ptr<const Knowledge> load_knowledge(const std::filesystem::path& fingerprints_dir) {
    auto signatures = SignatureDb::load(fingerprints_dir);
    auto vendors = VendorDb::load(fingerprints_dir / "vendors.json");
    check_rule_names(signatures, vendors);
    return std::make_shared<const Knowledge>(Knowledge{std::move(signatures), std::move(vendors)});
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
    for (const auto& key : order) devices.push_back(build_device(hosts[key], knowledge));
    return devices;
}

}  // namespace camaudit::identify
