// libFuzzer entry point for the SADP parser: any datagram must parse or be refused without a
// crash; fields stay within their caps and a MAC, when found, is in canonical form.
#include <parse/sadp_answer.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t cap = 512;
    const std::string_view datagram(reinterpret_cast<const char*>(data), size);
    const auto mac = camaudit::parse::normalised_mac(datagram);
    if (!mac.empty() && mac.size() != 17) __builtin_trap();
    const auto answer = camaudit::parse::parse_sadp_answer(datagram);
    if (!answer) return 0;
    if (answer->fields.size() > camaudit::parse::max_sadp_fields) __builtin_trap();
    if (!answer->mac.empty() && answer->mac.size() != 17) __builtin_trap();
    for (const auto& o : camaudit::parse::sadp_observations(*answer, {}, cap))
        if (o.value.size() > cap || camaudit::parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
    return 0;
}
