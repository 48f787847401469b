// The IEEE MAC address registry (MA-L, MA-M, MA-S as Debian's ieee-data ships them) plus
// fingerprints/oui_overrides.json: which organisation a MAC prefix was assigned to.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace camaudit::identify {

// One assignment: "44:47:CC" (MA-L), "B0:B3:53:6" (MA-M) or "70:B3:D5:0A:E" (MA-S).
struct OuiEntry {
    std::string prefix;        // upper-case hex, colon every two digits
    std::string registry;      // MA-L, MA-M, MA-S or "override"
    std::string organisation;  // the registered name, exact
    std::string vendor;        // canonical vendor when an override names it, else empty
};

// A MAC as 48 bits; nullopt unless it is six hex octets separated by ':' or '-' (or none).
std::optional<std::uint64_t> parse_mac(std::string_view text);

// True for a locally administered or a group (multicast) address: no maker to claim.
bool is_unassigned_mac(std::uint64_t mac);

// The registry files of a registry folder, longest prefix first (MA-S, MA-M, MA-L).
std::span<const char* const> registry_file_names();

// Where the registry is read from: $CAMAUDIT_IEEE_DATA, else /usr/share/ieee-data.
std::filesystem::path default_registry_dir();

class OuiTable {
public:
    // Reads oui.csv, mam.csv and oui36.csv from `dir`; a missing file is skipped (the
    // registry is optional), a malformed one throws DataError naming file and line.
    static OuiTable load_registry(const std::filesystem::path& dir);

    // Adds (or replaces) one assignment; `hex` is 6, 7 or 9 hex digits, separators allowed.
    // Returns false when `hex` is not such a prefix.
    bool add(std::string_view hex, std::string registry, std::string organisation,
             std::string vendor = {});

    // The longest assigned prefix of `mac` (MA-S over MA-M over MA-L), or nullptr for an
    // unknown, locally administered or multicast address.
    const OuiEntry* lookup(std::string_view mac) const;

    std::size_t size() const;

private:
    // One map per prefix length (36, 28, 24 bits), keyed by the prefix's bits.
    std::unordered_map<std::uint64_t, OuiEntry> by_length_[3];
};

}  // namespace camaudit::identify
