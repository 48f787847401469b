// Small helpers every parser of untrusted text shares: UTF-8 repair with a cap, ASCII case.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace camaudit::parse {

// Valid UTF-8 of at most `max_bytes` bytes: invalid sequences become U+FFFD, NUL and other
// C0 controls but tab, CR and LF become U+FFFD too, and a cut never splits a character.
std::string to_valid_utf8(std::string_view bytes, std::size_t max_bytes);

std::string ascii_lower(std::string_view text);

// Position of `needle` in `haystack` ignoring ASCII case, or npos.
std::size_t find_ignore_case(std::string_view haystack, std::string_view needle,
                             std::size_t from = 0);

std::string_view trim(std::string_view text);

}  // namespace camaudit::parse
