// One target expression (address, CIDR, range, host name or @file) parsed from untrusted text:
// a pure, bounded function that reports what is wrong instead of throwing, so it can be fuzzed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace camaudit::targets {

// IPv6 addresses are 128-bit numbers; GCC and Clang both provide this type.
__extension__ typedef unsigned __int128 Uint128;

// Caps on what one expression may be (the grammar's size limits).
inline constexpr std::size_t max_expression_length = 256;
inline constexpr unsigned min_ipv6_prefix = 112;        // at most 65,536 addresses
inline constexpr Uint128 max_ipv6_range_addresses = 65536;

enum class Family : std::uint8_t { v4, v6 };

// An inclusive run of addresses of one family; v4 values fit in the low 32 bits.
struct AddressRange {
    Family family = Family::v4;
    Uint128 first = 0;
    Uint128 last = 0;
    friend bool operator==(const AddressRange&, const AddressRange&) = default;
};

struct Expression {
    enum class Kind : std::uint8_t { range, host_name, file, invalid };
    Kind kind = Kind::invalid;
    AddressRange range;  // for Kind::range
    std::string text;    // the host name, the file path, or (Kind::invalid) what is wrong
};

// Parses one expression. Leading and trailing white space is ignored. Never throws on any
// input; an unusable one comes back as Kind::invalid with the reason in `text`.
Expression parse_expression(std::string_view token);

// The token as it can be quoted in a message: cut to a readable length, control bytes escaped.
std::string quote_token(std::string_view token);

// The one-line reminder of every accepted form, for error hints.
std::string_view accepted_forms_hint();

}  // namespace camaudit::targets
