// libFuzzer entry point for the WS-Discovery parser: any datagram must parse or be refused
// without a crash, and every observation must be valid UTF-8 within its cap.
#include <parse/text.hpp>
#include <parse/wsd_answer.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t cap = 1024;
    const std::string_view datagram(reinterpret_cast<const char*>(data), size);
    camaudit::parse::percent_decoded(datagram);
    const auto answer = camaudit::parse::parse_wsd_answer(datagram);
    if (!answer) return 0;
    if (answer->matches.size() > camaudit::parse::max_wsd_matches) __builtin_trap();
    for (const auto& o : camaudit::parse::wsd_observations(*answer, {}, cap))
        if (o.value.size() > cap || camaudit::parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
    return 0;
}
