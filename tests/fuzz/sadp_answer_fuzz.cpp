// libFuzzer entry point for the SADP parser: any datagram must parse or be refused without a
// crash; fields stay within their caps and a MAC, when found, is in canonical form.
#include "fuzz_support.hpp"

#include <parse/sadp_answer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    constexpr std::size_t cap = 512;
    const auto datagram = fuzz::bytes_of(data, size);
    const auto mac = parse::normalised_mac(datagram);
    fuzz::require(mac.empty() || mac.size() == 17);
    const auto answer = parse::parse_sadp_answer(datagram);
    if (!answer) return 0;
    fuzz::require(answer->fields.size() <= parse::max_sadp_fields);
    fuzz::require(answer->mac.empty() || answer->mac.size() == 17);
    const auto base = fuzz::fuzz_base(37020);
    fuzz::require_sound(parse::sadp_observations(*answer, base, cap), base, cap);
    return 0;
}
