// printable(): a UTF-8 decoder that keeps what a person can safely read and spells out the rest.
#include <report/printable.hpp>

#include <fmt/format.h>

#include <optional>

namespace camaudit::report {
namespace {

// A code point and the bytes it took, or nothing when the bytes are not valid UTF-8.
struct Decoded {
    char32_t code = 0;
    std::size_t length = 1;
};

std::optional<Decoded> decode_utf8(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t code = 0, least = 0;
    if (lead < 0x80) return Decoded{lead, 1};
    if (lead >= 0xc2 && lead <= 0xdf) length = 2, code = lead & 0x1f, least = 0x80;
    else if (lead >= 0xe0 && lead <= 0xef) length = 3, code = lead & 0x0f, least = 0x800;
    else if (lead >= 0xf0 && lead <= 0xf4) length = 4, code = lead & 0x07, least = 0x10000;
    else return std::nullopt;
    if (s.size() < length) return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xc0) != 0x80) return std::nullopt;
        code = (code << 6) | (byte(i) & 0x3f);
    }
    if (code < least || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return std::nullopt;
    return Decoded{code, length};
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }

// Code points that reorder or break the displayed line without being C0/C1 controls.
bool bends_the_line(char32_t c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto decoded = decode_utf8(text);
        if (!decoded) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text.front()));
            text.remove_prefix(1);
            continue;
        }
        const char32_t c = decoded->code;
        if (c < 0x80 && is_control(c)) out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
        else if (is_control(c) || bends_the_line(c)) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out.append(text.substr(0, decoded->length));
        text.remove_prefix(decoded->length);
    }
    return out;
}

}  // namespace camaudit::report
