// libFuzzer entry point for the DHIP parser: any datagram (the fuzzer's bytes, and the same
// bytes framed as a valid DHIP body) must parse or be refused without a crash or overread.
#include <parse/dhip_answer.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check(std::string_view datagram) {
    constexpr std::size_t cap = 512;
    const auto answer = camaudit::parse::parse_dhip_answer(datagram);
    if (!answer) return;
    for (const auto& o : camaudit::parse::dhip_observations(*answer, {}, cap))
        if (o.value.size() > cap || camaudit::parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check(bytes);
    check(camaudit::parse::dhip_datagram(bytes));
    return 0;
}
