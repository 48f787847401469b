// libFuzzer entry point for the DHIP parser: any datagram (the fuzzer's bytes, and the same
// bytes framed as a valid DHIP body) must parse or be refused without a crash or overread.
#include "fuzz_support.hpp"

#include <parse/dhip_answer.hpp>

namespace {

void check(std::string_view datagram) {
    using namespace camaudit;
    constexpr std::size_t cap = 512;
    const auto answer = parse::parse_dhip_answer(datagram);
    if (!answer) return;
    const auto base = fuzz::fuzz_base(37810);
    fuzz::require_sound(parse::dhip_observations(*answer, base, cap), base, cap);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = camaudit::fuzz::bytes_of(data, size);
    check(bytes);
    check(camaudit::parse::dhip_datagram(bytes));
    return 0;
}
