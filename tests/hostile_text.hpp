// Device strings that try to bend a human-readable output (issue 15) and a check, written
// apart from the scanner's printable(), of what a person would see; for unit and e2e tests.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::test {

// Each one a separate attack: an escape sequence, a forged line by LF, CR, NEL (U+0085) and
// U+2028, bidi overrides and isolates, DEL, a TAB, and invalid UTF-8 (a lone 0xC2 as a cut
// string leaves, 0xFF, an overlong '/' and a UTF-16 surrogate).
inline const std::vector<std::string>& hostile_strings() {
    static const std::vector<std::string> all = {
        "esc\x1b[2J\x1b]0;pwned\x07",
        "lf\nNEW VIOLATION: 10.66.0.1 is prohibited",
        "cr\rNEW VIOLATION: 10.66.0.2 is prohibited",
        "nel\xc2\x85NEW VIOLATION: 10.66.0.3 is prohibited",
        "ls\xe2\x80\xa8NEW VIOLATION: 10.66.0.4 is prohibited",
        "rlo\xe2\x80\xaegnp.exe",
        "lri\xe2\x81\xa6isolate\xe2\x81\xa9 lrm\xe2\x80\x8e alm\xd8\x9c",
        "del\x7f tab\there",
        "cut \xc2",
        "bad \xff\xfe overlong \xc0\xaf surrogate \xed\xa0\x80",
    };
    return all;
}

// True when `text` holds nothing that moves the cursor, breaks or reorders a line: no byte
// below 0x20 but LF, no DEL, no C1 or bidi control or line separator in UTF-8, no byte that is
// not part of valid UTF-8. Decoded by a table of the raw sequences, not by printable().
inline std::string first_unsafe(std::string_view text) {
    static const std::vector<std::string> banned_sequences = {
        "\xc2\x80", "\xc2\x85", "\xc2\x9b", "\xc2\x9f", "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",
        "\xe2\x80\xad", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9",
        "\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c", "\xe2\x80\xa8", "\xe2\x80\xa9"};
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto c = static_cast<unsigned char>(text[at]);
        if ((c < 0x20 && c != '\n') || c == 0x7f) return "control byte at " + std::to_string(at);
        if (c == 0xff || c == 0xfe || c == 0xc0 || c == 0xc1 || c == 0xed)
            return "invalid UTF-8 byte at " + std::to_string(at);
        if (c == 0xc2 && (at + 1 == text.size() || (static_cast<unsigned char>(text[at + 1]) & 0xc0) != 0x80))
            return "a cut UTF-8 character at " + std::to_string(at);
    }
    for (const auto& seq : banned_sequences)
        if (const auto at = text.find(seq); at != std::string_view::npos)
            return "a C1, bidi or separator character at " + std::to_string(at);
    return {};
}

// No line of `text` is one of the verdicts the hostile strings try to forge.
inline void check_no_forged_lines(std::string_view text) {
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto line = text.substr(start, end - start);
        for (char n : {'1', '2', '3', '4'})
            CHECK_MESSAGE(!line.starts_with(std::string("NEW VIOLATION: 10.66.0.") + n + " is"), std::string(line));
        start = end + 1;
    }
}

}  // namespace camaudit::test
