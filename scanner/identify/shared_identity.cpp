// Finds the MACs and serials that more than one device of a report names, and records on
// each of those devices which others name it too, by address.
#include <identify/shared_identity.hpp>

#include <map>

namespace camaudit::identify {
namespace {

std::string name_of(const Device& device) { return device.ip.empty() ? device.mac : device.ip; }

// value -> indices of the devices naming it, for one key.
using Holders = std::map<std::string, std::vector<std::size_t>>;

void flag(std::vector<Device>& devices, const std::string& key, const Holders& holders) {
    for (const auto& [value, indices] : holders) {
        if (indices.size() < 2) continue;
        for (const auto i : indices) {
            SharedIdentity shared{key, value, {}};
            for (const auto j : indices)
                if (j != i) shared.others.push_back(name_of(devices[j]));
            devices[i].shared_identity.push_back(std::move(shared));
        }
    }
}

}  // namespace

void flag_shared_identities(std::vector<Device>& devices, const std::vector<std::set<std::string>>& macs) {
    Holders by_mac, by_serial;
    for (std::size_t i = 0; i < devices.size(); ++i) {
        if (i < macs.size())
            for (const auto& mac : macs[i]) by_mac[mac].push_back(i);
        if (!devices[i].serial.empty()) by_serial[devices[i].serial].push_back(i);
    }
    flag(devices, "mac", by_mac);
    flag(devices, "serial", by_serial);
}

}  // namespace camaudit::identify
