// The scan scope: target expressions minus exclusions, as sorted disjoint address intervals,
// indexable without ever listing the addresses.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <camaudit/report.hpp>
#include <targets/expression.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace camaudit::targets {

// Above this many addresses a scan needs --allow-large (design.md: larger than a /16).
inline constexpr std::uint64_t large_scope_addresses = 65536;

struct TargetSpec {
    std::vector<std::string> include;  // expressions as the user typed them, `@file` allowed
    std::vector<std::string> exclude;  // same grammar; exclusions always win
    bool allow_large = false;
};

// Resolves a host name; returns its addresses, or none with `error` set.
using Resolver =
    std::function<std::vector<boost::asio::ip::address>(const std::string& host, std::string& error)>;

// The system resolver (getaddrinfo through Asio), used once per name before the scan.
Resolver system_resolver();

class TargetSet {
public:
    // Parses and combines. Throws UsageError (offending token quoted, with a hint) for a
    // malformed expression, an unreadable @file, no target at all, or a scope over
    // large_scope_addresses without allow_large, or an empty scope. Included names that do
    // not resolve are appended to `errors` and the build goes on; an excluded name that does
    // not resolve is a UsageError, since the scan could otherwise reach the excluded host.
    static TargetSet build(const TargetSpec& spec, const Resolver& resolve,
                           std::vector<ReportError>& errors);

    std::uint64_t size() const;                        // addresses in scope
    boost::asio::ip::address at(std::uint64_t index) const;  // 0 <= index < size()
    bool contains(const boost::asio::ip::address& address) const;

    // A sorted, disjoint run of in-scope addresses (after exclusions).
    using Interval = AddressRange;

    // The first address of each interval, in order (the report's source-address probe).
    std::vector<boost::asio::ip::address> interval_starts() const;

private:
    std::vector<Interval> intervals_;
    std::vector<std::uint64_t> starts_;  // prefix sums of interval sizes; the last is size()
};

}  // namespace camaudit::targets
