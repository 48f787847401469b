// Devices of one report that name the same MAC or serial: a liar repeating a waived camera's
// identity, or clones. Each such device is flagged with the others (issue 14).
#pragma once
#include <camaudit/device.hpp>

#include <set>
#include <string>
#include <vector>

namespace camaudit::identify {

// Fills each device's shared_identity: every MAC in `macs[i]` (all MACs device i was seen
// with, on the wire or in its own answers) and every serial that another device names too.
void flag_shared_identities(std::vector<Device>& devices, const std::vector<std::set<std::string>>& macs);

}  // namespace camaudit::identify
