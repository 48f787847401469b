// What every fuzz target checks of the observations a parser makes from hostile bytes: each
// value within its cap and valid UTF-8, and each still attributed to the address and port it
// was read from. A broken promise traps, which libFuzzer reports as a crash with the input.
#pragma once
#include <camaudit/observation.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::fuzz {

inline constexpr std::size_t max_value_bytes = 4096;

inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline void require(bool promise) {
    if (!promise) __builtin_trap();
}

inline bool valid_utf8(const std::string& value) { return parse::to_valid_utf8(value, value.size() + 1) == value; }

// The address every target reads its bytes "from".
inline Observation fuzz_base(std::uint16_t port = 0) {
    Observation base;
    base.ip = "127.0.0.1";
    base.port = port;
    return base;
}

inline void require_capped_utf8(const Observation& o, std::size_t cap) {
    require(o.value.size() <= cap && valid_utf8(o.value));
}

inline void require_sound(const std::vector<Observation>& observations, const Observation& base,
                          std::size_t cap = max_value_bytes) {
    for (const auto& o : observations) {
        require_capped_utf8(o, cap);
        require(o.ip == base.ip && o.port == base.port);
    }
}

}  // namespace camaudit::fuzz
