// Target expression grammar: a.b.c.d, a.b.c.d/n, a.b.c.d-e.f.g.h, a.b.c.d-h, IPv6 address,
// IPv6 prefix (/112 or longer), IPv6 range, host name, @file. Pure and bounded.
#include <targets/expression.hpp>

#include <algorithm>
#include <boost/asio/ip/address_v6.hpp>
#include <charconv>
#include <fmt/format.h>

namespace camaudit::targets {
namespace {

constexpr std::size_t max_host_name_length = 253;
constexpr std::size_t max_label_length = 63;
constexpr std::size_t max_quoted_length = 64;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

// A decimal number of at most `max`, without sign or leading zeros; `what` names it.
std::string parse_decimal(std::string_view s, unsigned max, std::string_view what, unsigned& out) {
    if (s.empty()) return fmt::format("empty {}", what);
    if (!all_digits(s)) return fmt::format("{} '{}' is not a number", what, quote_token(s));
    if (s.size() > 1 && s.front() == '0')
        return fmt::format("{} '{}' has a leading zero (octal or decimal is ambiguous)", what, s);
    if (s.size() > 3 || std::from_chars(s.data(), s.data() + s.size(), out).ec != std::errc{} ||
        out > max)
        return fmt::format("{} {} out of range (0-{})", what, s, max);
    return {};
}

std::string parse_ipv4(std::string_view s, Uint128& out) {
    unsigned value = 0;
    int octets = 0;
    std::uint32_t address = 0;
    for (std::size_t start = 0; start <= s.size(); ++octets) {
        const auto dot = std::min(s.find('.', start), s.size());
        if (octets == 4) return "expected four octets a.b.c.d";
        if (auto error = parse_decimal(s.substr(start, dot - start), 255, "octet", value);
            !error.empty())
            return error;
        address = (address << 8) | value;
        start = dot + 1;
    }
    if (octets != 4) return "expected four octets a.b.c.d";
    out = address;
    return {};
}

std::string parse_ipv6(std::string_view s, Uint128& out) {
    if (s.find('%') != std::string_view::npos) return "IPv6 zone indexes (%) are not accepted";
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address_v6(std::string(s), ec);
    if (ec) return fmt::format("'{}' is not an IPv6 address", quote_token(s));
    out = 0;
    for (auto byte : address.to_bytes()) out = (out << 8) | byte;
    return {};
}

// One address of either family; the family is decided by the presence of ':'.
std::string parse_address(std::string_view s, Family& family, Uint128& out) {
    family = s.find(':') != std::string_view::npos ? Family::v6 : Family::v4;
    return family == Family::v6 ? parse_ipv6(s, out) : parse_ipv4(s, out);
}

// RFC 1123 labels; the last label must start with a letter so that a mistyped address such
// as 192.0.2.1x is reported as one rather than sent to the resolver.
bool is_host_name(std::string_view s) {
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    if (s.empty() || s.size() > max_host_name_length) return false;
    std::string_view label;
    for (std::size_t start = 0; start <= s.size();) {
        const auto dot = std::min(s.find('.', start), s.size());
        label = s.substr(start, dot - start);
        const auto ok = [](char c) { return is_alpha(c) || is_digit(c) || c == '-'; };
        if (label.empty() || label.size() > max_label_length || label.front() == '-' ||
            label.back() == '-' || !std::all_of(label.begin(), label.end(), ok))
            return false;
        start = dot + 1;
    }
    return is_alpha(label.front());
}

Expression invalid(std::string reason) {
    return {Expression::Kind::invalid, {}, std::move(reason)};
}

Expression prefix_expression(std::string_view address_text, std::string_view length_text) {
    Expression e{Expression::Kind::range, {}, {}};
    Uint128 address = 0;
    if (auto error = parse_address(address_text, e.range.family, address); !error.empty())
        return invalid(std::move(error));
    const unsigned bits = e.range.family == Family::v4 ? 32 : 128;
    unsigned length = 0;
    if (auto error = parse_decimal(length_text, bits, "prefix length", length); !error.empty())
        return invalid(std::move(error));
    if (e.range.family == Family::v6 && length < min_ipv6_prefix)
        return invalid(fmt::format("IPv6 prefix /{} is too large: the limit is /{} (65,536 "
                                   "addresses); split it into /{} prefixes",
                                   length, min_ipv6_prefix, min_ipv6_prefix));
    const unsigned host_bits = bits - length;
    const Uint128 host_mask = host_bits == 128 ? ~Uint128{0} : (Uint128{1} << host_bits) - 1;
    e.range.first = address & ~host_mask;  // host bits set (192.0.2.5/24) mean the whole prefix
    e.range.last = e.range.first | host_mask;
    if (e.range.family == Family::v4) e.range.last &= 0xffffffffu;
    return e;
}

Expression range_expression(std::string_view from_text, std::string_view to_text) {
    if (to_text.find('-') != std::string_view::npos) return invalid("more than one '-'");
    if (from_text.empty()) return invalid("range start is empty");
    if (to_text.empty()) return invalid("range end is empty");
    Expression e{Expression::Kind::range, {}, {}};
    if (auto error = parse_address(from_text, e.range.family, e.range.first); !error.empty())
        return invalid(std::move(error));
    if (e.range.family == Family::v4 && all_digits(to_text)) {  // a.b.c.d-h: last octet
        unsigned octet = 0;
        if (auto error = parse_decimal(to_text, 255, "octet", octet); !error.empty())
            return invalid(std::move(error));
        e.range.last = (e.range.first & ~Uint128{0xff}) | octet;
    } else {
        Family to_family{};
        auto error = parse_address(to_text, to_family, e.range.last);
        if (!error.empty() && e.range.family == Family::v6 && to_family == Family::v4)
            error = fmt::format("range end '{}' is not a full IPv6 address", quote_token(to_text));
        if (!error.empty()) return invalid(std::move(error));
        if (to_family != e.range.family) return invalid("range mixes IPv4 and IPv6");
    }
    if (e.range.last < e.range.first) return invalid("range end is before its start");
    if (e.range.family == Family::v6 && e.range.last - e.range.first >= max_ipv6_range_addresses)
        return invalid("IPv6 range is too large: the limit is 65,536 addresses (a /112)");
    return e;
}

std::string length_problem(std::string_view token) {
    if (token.empty()) return "empty expression";
    if (token.size() > max_expression_length)
        return fmt::format("longer than {} characters", max_expression_length);
    return {};
}

std::string space_problem(std::string_view token) {
    if (std::any_of(token.begin(), token.end(), [](char c) { return c == ' ' || c == '\t'; }))
        return "contains white space (give one expression per argument or line)";
    return {};
}

}  // namespace

Expression parse_expression(std::string_view token) {
    token = trim(token);
    if (auto reason = length_problem(token); !reason.empty()) return invalid(std::move(reason));
    if (token.front() == '@') {  // a path may hold spaces
        if (token.size() == 1) return invalid("'@' needs a file name");
        return {Expression::Kind::file, {}, std::string(token.substr(1))};
    }
    if (auto reason = space_problem(token); !reason.empty()) return invalid(std::move(reason));
    if (is_host_name(token)) return {Expression::Kind::host_name, {}, std::string(token)};
    // What starts like an address is judged as one (192.0.2.1x: a bad octet, not a name).
    if (!is_digit(token.front()) && token.front() != '-' && token.find(':') == std::string_view::npos)
        return invalid("not an address, a range or a valid host name");
    if (const auto slash = token.find('/'); slash != std::string_view::npos)
        return prefix_expression(token.substr(0, slash), token.substr(slash + 1));
    if (const auto dash = token.find('-'); dash != std::string_view::npos)
        return range_expression(token.substr(0, dash), token.substr(dash + 1));
    Expression e{Expression::Kind::range, {}, {}};
    if (auto error = parse_address(token, e.range.family, e.range.first); !error.empty())
        return invalid(std::move(error));
    e.range.last = e.range.first;
    return e;
}

std::string quote_token(std::string_view token) {
    std::string out;
    for (char c : token.substr(0, max_quoted_length)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f || c == '\\')
            out += fmt::format("\\x{:02x}", byte);
        else
            out += c;
    }
    if (token.size() > max_quoted_length) out += fmt::format("... ({} characters)", token.size());
    return out;
}

std::string_view accepted_forms_hint() {
    return "accepted forms: 192.0.2.7, 192.0.2.0/24, 192.0.2.10-192.0.2.50, 192.0.2.10-50, "
           "cam01.example.net, 2001:db8::7, 2001:db8::/112, 2001:db8::1-2001:db8::ff, "
           "@targets.txt (one expression per line, # comments)";
}

}  // namespace camaudit::targets
