// libFuzzer entry point for the WS-Discovery parser: any datagram must parse or be refused
// without a crash, and every observation must be valid UTF-8 within its cap.
#include "fuzz_support.hpp"

#include <parse/wsd_answer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    constexpr std::size_t cap = 1024;
    const auto datagram = fuzz::bytes_of(data, size);
    parse::percent_decoded(datagram);
    const auto answer = parse::parse_wsd_answer(datagram);
    if (!answer) return 0;
    fuzz::require(answer->matches.size() <= parse::max_wsd_matches);
    const auto base = fuzz::fuzz_base(3702);
    fuzz::require_sound(parse::wsd_observations(*answer, base, cap), base, cap);
    return 0;
}
