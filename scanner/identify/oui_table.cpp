// Loads the IEEE registry CSV files into three hash maps (one per prefix length) so a MAC
// resolves with at most three lookups, longest prefix first.
#include <identify/oui_table.hpp>

#include <identify/data_file.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace camaudit::identify {
namespace {

// Bounds on the registry files: today's are ~3 MB, and a field is at most a postal address.
constexpr std::uintmax_t max_registry_bytes = 64 << 20;
constexpr std::size_t max_field_bytes = 4096;
constexpr std::array<int, 3> prefix_bits = {36, 28, 24};  // longest first

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Hex digits of `text` with ':', '-' and '.' skipped; nullopt on any other character.
std::optional<std::string> hex_digits(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == ':' || c == '-' || c == '.') continue;
        if (hex_value(c) < 0) return std::nullopt;
        out += c;
    }
    return out;
}

std::size_t length_slot(std::size_t digits) {
    return digits == 9 ? 0 : digits == 7 ? 1 : digits == 6 ? 2 : 3;
}

std::string pretty_prefix(const std::string& digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i % 2 == 0) out += ':';
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(digits[i])));
    }
    return out;
}

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. Only the
// first `wanted` fields are copied out; the rest (the postal address) are skipped.
class CsvReader {
public:
    explicit CsvReader(std::string_view text) : text_(text) {}
    bool next(std::vector<std::string>& fields, std::size_t wanted) {
        fields.clear();
        if (at_ >= text_.size()) return false;
        ++line_;
        for (bool more = true; more;) {
            std::string* out = fields.size() < wanted ? &fields.emplace_back() : nullptr;
            more = read_field(out);
        }
        return true;
    }
    std::size_t line() const { return line_; }

private:
    // Reads one field from at_; true when another field of the same record follows.
    bool read_field(std::string* out) {
        if (at_ < text_.size() && text_[at_] == '"') return read_quoted(out);
        const std::size_t end = std::min(text_.find_first_of(",\n", at_), text_.size());
        if (out) out->assign(text_.substr(at_, std::min(end - at_, max_field_bytes)));
        if (out && !out->empty() && out->back() == '\r') out->pop_back();
        at_ = end + 1;
        return end < text_.size() && text_[end] == ',';
    }
    bool read_quoted(std::string* out) {
        ++at_;
        for (;;) {
            const std::size_t quote = std::min(text_.find('"', at_), text_.size());
            const auto piece = text_.substr(at_, quote - at_);
            line_ += static_cast<std::size_t>(std::count(piece.begin(), piece.end(), '\n'));
            if (out && out->size() < max_field_bytes) out->append(piece.substr(0, max_field_bytes - out->size()));
            at_ = quote + 1;
            if (at_ < text_.size() && text_[at_] == '"') {  // a doubled quote stands for one
                if (out) out->push_back('"');
                ++at_;
                continue;
            }
            break;
        }
        const std::size_t end = std::min(text_.find_first_of(",\n", at_), text_.size());
        at_ = end + 1;
        return end < text_.size() && text_[end] == ',';
    }

    std::string_view text_;
    std::size_t at_ = 0;
    std::size_t line_ = 0;
};

std::string read_small_file(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) data_error(path.string(), "cannot read: " + error.message());
    if (size > max_registry_bytes) data_error(path.string(), "larger than the 64 MiB a registry file may be");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in && !in.eof()) data_error(path.string(), "cannot read");
    return content.str();
}

void load_registry_file(OuiTable& table, const std::filesystem::path& path) {
    const std::string text = read_small_file(path);
    CsvReader reader(text);
    std::vector<std::string> fields;
    if (!reader.next(fields, 3) || fields.size() < 3 || fields[0] != "Registry")
        data_error(path.string(), "is not an IEEE registry CSV (no 'Registry,Assignment,…' header)");
    while (reader.next(fields, 3)) {
        if (fields.size() == 1 && fields[0].empty()) continue;  // trailing blank line
        if (fields.size() < 3 || !table.add(fields[1], fields[0], fields[2]))
            data_error(path.string() + ":" + std::to_string(reader.line()),
                       "not a 'Registry,Assignment,Organization Name' record");
    }
}

}  // namespace

std::optional<std::uint64_t> parse_mac(std::string_view text) {
    const auto digits = hex_digits(text);
    if (!digits || digits->size() != 12) return std::nullopt;
    std::uint64_t mac = 0;
    for (const char c : *digits) mac = mac << 4 | static_cast<std::uint64_t>(hex_value(c));
    return mac;
}

bool is_unassigned_mac(std::uint64_t mac) {
    const auto first_octet = static_cast<unsigned>(mac >> 40);
    return (first_octet & 0x01) != 0 || (first_octet & 0x02) != 0;
}

std::span<const char* const> registry_file_names() {
    static constexpr std::array<const char*, 3> names = {"oui36.csv", "mam.csv", "oui.csv"};
    return names;
}

std::filesystem::path default_registry_dir() {
    if (const char* dir = std::getenv("CAMAUDIT_IEEE_DATA"); dir && *dir) return dir;
    return "/usr/share/ieee-data";
}

OuiTable OuiTable::load_registry(const std::filesystem::path& dir) {
    OuiTable table;
    table.by_length_[2].reserve(40000);  // today's MA-L count is ~32,500: no rehash while loading
    for (const char* name : registry_file_names())
        if (std::filesystem::exists(dir / name)) load_registry_file(table, dir / name);
    return table;
}

bool OuiTable::add(std::string_view hex, std::string registry, std::string organisation,
                   std::string vendor) {
    const auto digits = hex_digits(hex);
    if (!digits) return false;
    const std::size_t slot = length_slot(digits->size());
    if (slot >= prefix_bits.size()) return false;
    std::uint64_t bits = 0;
    for (const char c : *digits) bits = bits << 4 | static_cast<std::uint64_t>(hex_value(c));
    by_length_[slot][bits] = {pretty_prefix(*digits), std::move(registry), std::move(organisation),
                              std::move(vendor)};
    return true;
}

const OuiEntry* OuiTable::lookup(std::string_view text) const {
    const auto mac = parse_mac(text);
    if (!mac || is_unassigned_mac(*mac)) return nullptr;
    for (std::size_t slot = 0; slot < prefix_bits.size(); ++slot) {
        const auto& map = by_length_[slot];
        if (const auto it = map.find(*mac >> (48 - prefix_bits[slot])); it != map.end()) return &it->second;
    }
    return nullptr;
}

std::size_t OuiTable::size() const {
    return by_length_[0].size() + by_length_[1].size() + by_length_[2].size();
}

}  // namespace camaudit::identify
