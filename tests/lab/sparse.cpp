// Seeded scattering of devices over a range (splitmix64 and a partial Fisher-Yates shuffle,
// written out so the placement is the same with every standard library), and the nftables
// ruleset that silences the rest of the range.
#include <lab/sparse.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>
#include <sys/wait.h>

namespace camaudit::lab {
namespace {

namespace asio = boost::asio;

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Uniform in [0, bound) without modulo bias.
std::uint64_t below(std::uint64_t bound, std::uint64_t& state) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    for (;;) {
        const auto value = splitmix64(state);
        if (value < limit) return value % bound;
    }
}

// 0..n-1 in a seeded order (Fisher-Yates).
std::vector<std::size_t> shuffled(std::size_t n, std::uint64_t& state) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t i = 0; i + 1 < n; ++i) std::swap(order[i], order[i + below(n - i, state)]);
    return order;
}

}  // namespace

asio::ip::address_v4 Cidr::at(std::uint64_t offset) const {
    return asio::ip::address_v4(static_cast<asio::ip::address_v4::uint_type>(network.to_uint() + offset));
}

bool Cidr::contains(const asio::ip::address_v4& address) const {
    return address.to_uint() - network.to_uint() < size();
}

std::string Cidr::to_string() const { return network.to_string() + "/" + std::to_string(prefix); }

Cidr parse_cidr(std::string_view text) {
    const auto slash = text.find('/');
    const std::string hint = "give a range such as 127.20.0.0/22 (prefix 16 to 30)";
    if (slash == std::string_view::npos) throw UsageError("--sparse: '" + std::string(text) + "' has no /prefix", hint);
    unsigned prefix = 0;
    const auto digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (error != std::errc{} || end != digits.data() + digits.size() || prefix < 16 || prefix > 30)
        throw UsageError("--sparse: prefix '" + std::string(digits) + "' is not between 16 and 30", hint);
    boost::system::error_code bad;
    const auto network = asio::ip::make_address_v4(std::string(text.substr(0, slash)), bad);
    if (bad) throw UsageError("--sparse: '" + std::string(text.substr(0, slash)) + "' is not an IPv4 address", hint);
    const Cidr range{network, prefix};
    if ((network.to_uint() & (range.size() - 1)) != 0)
        throw UsageError("--sparse: " + std::string(text) + " has host bits set", hint);
    return range;
}

std::string sparse_id(const std::string& profile_id, std::size_t copy) {
    return copy == 0 ? profile_id : profile_id + "~" + std::to_string(copy + 1);
}

std::vector<SparseDevice> place_sparse(std::size_t profile_count, const Cidr& range, std::size_t count,
                                       std::uint64_t seed, const std::vector<asio::ip::address_v4>& reserved) {
    const std::set<asio::ip::address_v4> taken(reserved.begin(), reserved.end());
    std::vector<asio::ip::address_v4> hosts;
    for (std::uint64_t offset = 1; offset + 1 < range.size(); ++offset)
        if (!taken.count(range.at(offset))) hosts.push_back(range.at(offset));
    if (profile_count == 0 || count == 0) return {};
    if (count > hosts.size())
        throw UsageError(fmt::format("--sparse: {} devices do not fit in the {} free addresses of {}", count,
                                     hosts.size(), range.to_string()),
                         "lower --count or --density, or give a larger range");
    std::uint64_t state = seed;
    for (std::size_t i = 0; i < count; ++i) std::swap(hosts[i], hosts[i + below(hosts.size() - i, state)]);
    hosts.resize(count);
    std::sort(hosts.begin(), hosts.end());
    // Which device goes where is shuffled too, so a vendor's repeats are not neighbours; and
    // the profiles' order, so fewer devices than profiles are a seeded sample, not the first ids.
    const auto order = shuffled(count, state);
    const auto profiles = shuffled(profile_count, state);
    std::vector<SparseDevice> devices;
    for (std::size_t i = 0; i < count; ++i)
        devices.push_back({profiles[i % profile_count], i / profile_count, hosts[order[i]]});
    std::sort(devices.begin(), devices.end(), [](const auto& a, const auto& b) { return a.address < b.address; });
    return devices;
}

std::size_t count_for_density(const Cidr& range, double density) {
    if (!(density > 0.0 && density <= 1.0))
        throw UsageError("--density must be above 0 and at most 1", "e.g. --density 0.01 for 1 % of the range");
    return std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(range.size() - 2) * density + 0.5));
}

std::string drop_unassigned_ruleset(const Cidr& range, const std::vector<asio::ip::address_v4>& assigned) {
    std::string elements;
    for (const auto& address : assigned) elements += (elements.empty() ? "" : ", ") + address.to_string();
    std::string rules = "table ip camaudit_lab_sparse {\n";
    if (!elements.empty()) rules += "  set assigned { type ipv4_addr; elements = { " + elements + " } }\n";
    const std::string drop = "    ip daddr " + range.to_string() + (elements.empty() ? "" : " ip daddr != @assigned") + " drop\n";
    for (const char* hook : {"input", "forward"})
        rules += fmt::format("  chain {0} {{\n    type filter hook {0} priority 0; policy accept;\n{1}  }}\n", hook, drop);
    return rules + "}\n";
}

void drop_unassigned(const Cidr& range, const std::vector<asio::ip::address_v4>& assigned, const std::string& netns) {
    const std::string command = (netns.empty() ? "" : "ip netns exec " + netns + " ") + "nft -f - >/dev/null 2>&1";
    FILE* nft = popen(command.c_str(), "w");
    if (nft == nullptr) throw RunError("lab: cannot run nft to silence the sparse range");
    const auto rules = drop_unassigned_ruleset(range, assigned);
    std::fwrite(rules.data(), 1, rules.size(), nft);
    const int status = pclose(nft);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw RunError("lab: nft refused the sparse range's drop rule (is the nftables package installed? "
                       "scripts/install-deps installs it)");
}

}  // namespace camaudit::lab
