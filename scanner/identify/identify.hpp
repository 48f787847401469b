// Observations in, devices out: signature claims merged per host, with evidence and confidence.
#pragma once
#include <camaudit/device.hpp>
#include <camaudit/observation.hpp>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

namespace camaudit::identify {

class SignatureDb;
class VendorDb;  // fingerprints/vendors.json: canonical names, brands, relabels

// Everything identification needs, loaded once from a fingerprints folder. `site_dirs` are
// folders of extra signature files (same format, installed vocabulary and vendors.json),
// loaded on top; a rule id used twice anywhere is a DataError naming both files.
// `registry_dir` holds the IEEE oui.csv, mam.csv, oui36.csv (default_registry_dir()).
struct Knowledge;
std::shared_ptr<const Knowledge> load_knowledge(const std::filesystem::path& fingerprints_dir,
                                                const std::vector<std::filesystem::path>& site_dirs = {},
                                                const std::filesystem::path& registry_dir = {});
const SignatureDb& signatures(const Knowledge& knowledge);

// Groups observations by host (IP, and MAC where known), matches every observation against
// the signatures, merges the claims, and returns one Device per host, ordered by address.
// Open ports come from `tcp.port.open` observations (value = service name). Policy is not
// applied here: compliance is left default.
std::vector<Device> identify_devices(std::span<const Observation> observations,
                                     const Knowledge& knowledge);

}  // namespace camaudit::identify
