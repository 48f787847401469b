// Builds the scan scope from the user's expressions (reading @files, resolving names once),
// subtracts exclusions exactly, applies the scope guard, and indexes the result.
#include <targets/target_set.hpp>

#include <algorithm>
#include <camaudit/error.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>
#include <targets/range_list.hpp>

namespace camaudit::targets {
namespace {

constexpr std::uintmax_t max_target_file_bytes = 16u << 20;

enum class Role { include, exclude };

// 16777216 -> "16,777,216": scope sizes are read by people deciding whether to go on.
std::string grouped(Uint128 n) {
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(n % 10)));
        n /= 10;
    } while (n != 0);
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

AddressRange single(const boost::asio::ip::address& address) {
    if (address.is_v4()) return {Family::v4, address.to_v4().to_uint(), address.to_v4().to_uint()};
    Uint128 value = 0;
    for (auto byte : address.to_v6().to_bytes()) value = (value << 8) | byte;
    return {Family::v6, value, value};
}

boost::asio::ip::address to_address(Family family, Uint128 value) {
    if (family == Family::v4) return boost::asio::ip::address_v4(static_cast<std::uint32_t>(value));
    boost::asio::ip::address_v6::bytes_type bytes{};
    for (auto i = bytes.size(); i-- > 0; value >>= 8) bytes[i] = static_cast<unsigned char>(value);
    return boost::asio::ip::address_v6(bytes);
}

class ScopeBuilder {
public:
    ScopeBuilder(const Resolver& resolve, std::vector<ReportError>& errors)
        : resolve_(resolve), errors_(errors) {}

    // `origin` is "file:line: " for a line of an @file, empty for an argument.
    void add(std::string_view token, Role role, const std::string& origin) {
        auto e = parse_expression(token);
        if (e.kind == Expression::Kind::invalid)
            throw UsageError(fmt::format("{}bad {} '{}': {}", origin, noun(role), quote_token(token),
                                         e.text),
                             std::string(accepted_forms_hint()));
        if (e.kind == Expression::Kind::file) {
            if (!origin.empty())
                throw UsageError(fmt::format("{}nested @file '{}' is not allowed in a target file",
                                             origin, quote_token(token)),
                                 "list the other file's expressions directly, or pass it as "
                                 "its own @file argument");
            return read_file(e.text, role);
        }
        if (role == Role::include) ++include_expressions_;
        auto& into = role == Role::include ? included_ : excluded_;
        if (e.kind == Expression::Kind::range) return into.push_back(e.range);
        for (const auto& address : resolve_once(e.text, role)) into.push_back(single(address));
    }

    std::size_t include_expressions() const { return include_expressions_; }
    std::vector<AddressRange>& included() { return included_; }
    std::vector<AddressRange>& excluded() { return excluded_; }
    const std::vector<std::string>& unresolved() const { return unresolved_; }

private:
    static const char* noun(Role role) { return role == Role::include ? "target" : "exclusion"; }

    void read_file(const std::string& path, Role role) {
        std::ifstream in(path, std::ios::binary);
        std::error_code size_error;
        const auto size = std::filesystem::file_size(path, size_error);
        if (!in || size_error)
            throw UsageError(fmt::format("cannot read target file '{}': {}", quote_token(path),
                                         size_error ? size_error.message() : std::strerror(errno)),
                             "check the path after '@'; it is relative to the current folder");
        if (size > max_target_file_bytes)
            throw UsageError(fmt::format("target file '{}' is larger than {} bytes",
                                         quote_token(path), grouped(max_target_file_bytes)));
        std::string line;
        for (std::size_t number = 1; std::getline(in, line); ++number) {
            std::string_view text = line;
            text = text.substr(0, text.find('#'));
            const auto first = text.find_first_not_of(" \t\r");
            if (first == std::string_view::npos) continue;
            text = text.substr(first, text.find_last_not_of(" \t\r") + 1 - first);
            add(text, role, fmt::format("{}:{}: ", path, number));
        }
    }

    const std::vector<boost::asio::ip::address>& resolve_once(const std::string& name, Role role) {
        auto found = resolved_.find(name);
        if (found != resolved_.end()) return found->second;
        std::string error;
        auto addresses = resolve_(name, error);
        if (addresses.empty() && error.empty()) error = "no addresses";
        if (addresses.empty() && role == Role::exclude)
            throw UsageError(fmt::format("cannot resolve excluded host '{}': {}", name, error),
                             "an exclusion that cannot be applied could let the scan reach that "
                             "host; fix the name or exclude its address instead");
        if (addresses.empty()) {
            errors_.push_back({name, "resolve", error});
            unresolved_.push_back(name);
        }
        return resolved_.emplace(name, std::move(addresses)).first->second;
    }

    const Resolver& resolve_;
    std::vector<ReportError>& errors_;
    std::map<std::string, std::vector<boost::asio::ip::address>> resolved_;
    std::vector<std::string> unresolved_;
    std::vector<AddressRange> included_, excluded_;
    std::size_t include_expressions_ = 0;
};

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "'" : ", '") + item + "'";
    return out;
}

const std::string scan_example = "e.g. camaudit scan 192.168.1.0/24 --exclude 192.168.1.1";

// The scope guard: no empty scope, and nothing larger than a /16 unless asked for.
void check_scope(Uint128 size, bool any_included, const std::vector<std::string>& unresolved,
                 bool allow_large) {
    if (size == 0 && !any_included)
        throw UsageError(fmt::format("no target address: host name(s) {} did not resolve",
                                     join(unresolved)),
                         "check the names, or give addresses; " + scan_example);
    if (size == 0)
        throw UsageError("every target was excluded: the exclusions cover the whole scope",
                         "narrow the --exclude list; " + scan_example);
    if (size > std::numeric_limits<std::uint64_t>::max())
        throw UsageError(fmt::format("the scope holds {} addresses, more than can be scanned",
                                     grouped(size)),
                         "narrow the targets");
    if (size > large_scope_addresses && !allow_large)
        throw UsageError(fmt::format("the scope holds {} addresses, more than {} (a /16); pass "
                                     "--allow-large to scan it, or narrow the range",
                                     grouped(size), grouped(large_scope_addresses)),
                         "e.g. camaudit scan 198.18.0.0/15 --allow-large, or split it into /16s");
}

}  // namespace

TargetSet TargetSet::build(const TargetSpec& spec, const Resolver& resolve,
                           std::vector<ReportError>& errors) {
    ScopeBuilder builder(resolve, errors);
    for (const auto& token : spec.include) builder.add(token, Role::include, "");
    if (builder.include_expressions() == 0)
        throw UsageError("no target given", "give one or more, " + scan_example);
    for (const auto& token : spec.exclude) builder.add(token, Role::exclude, "");

    const bool any_included = !builder.included().empty();
    TargetSet set;
    set.intervals_ = subtract(normalise(std::move(builder.included())),
                              normalise(std::move(builder.excluded())));
    Uint128 total = 0;
    set.starts_.reserve(set.intervals_.size() + 1);
    for (const auto& interval : set.intervals_) {
        set.starts_.push_back(static_cast<std::uint64_t>(total));
        total += range_size(interval);  // cannot wrap: v4 is 2^32, each v6 piece at most 2^16
        if (total > std::numeric_limits<std::uint64_t>::max()) break;
    }
    check_scope(total, any_included, builder.unresolved(), spec.allow_large);
    set.starts_.push_back(static_cast<std::uint64_t>(total));
    return set;
}

std::uint64_t TargetSet::size() const { return starts_.empty() ? 0 : starts_.back(); }

boost::asio::ip::address TargetSet::at(std::uint64_t index) const {
    if (index >= size()) throw std::out_of_range(fmt::format("target index {} >= {}", index, size()));
    // starts_[i] is the index of intervals_[i].first; the last entry is the total.
    const auto i = static_cast<std::size_t>(
        std::upper_bound(starts_.begin(), starts_.end(), index) - starts_.begin() - 1);
    const auto& interval = intervals_[i];
    return to_address(interval.family, interval.first + (index - starts_[i]));
}

std::vector<boost::asio::ip::address> TargetSet::interval_starts() const {
    std::vector<boost::asio::ip::address> out;
    out.reserve(intervals_.size());
    for (const auto& interval : intervals_) out.push_back(to_address(interval.family, interval.first));
    return out;
}

bool TargetSet::contains(const boost::asio::ip::address& address) const {
    const auto probe = single(address);
    auto after = std::upper_bound(intervals_.begin(), intervals_.end(), probe,
                                  [](const AddressRange& a, const AddressRange& b) {
                                      return std::tie(a.family, a.first) < std::tie(b.family, b.first);
                                  });
    if (after == intervals_.begin()) return false;
    const auto& candidate = *std::prev(after);
    return candidate.family == probe.family && probe.first <= candidate.last;
}

}  // namespace camaudit::targets
