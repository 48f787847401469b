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

// Everything identification needs, loaded once from a fingerprints folder.
struct Knowledge;
std::shared_ptr<const Knowledge> load_knowledge(const std::filesystem::path& fingerprints_dir);
const SignatureDb& signatures(const Knowledge& knowledge);

// Groups observations by host (IP, and MAC where known), matches every observation against
// the signatures, merges the claims, and returns one Device per host, ordered by address.
// Open ports come from `tcp.port.open` observations (value = service name). Policy is not
// applied here: compliance is left default.
std::vector<Device> identify_devices(std::span<const Observation> observations,
                                     const Knowledge& knowledge);

}  // namespace camaudit::identify
