// libFuzzer entry point for the UPnP device description reader: any bytes parse or are refused
// without a crash (no entity is ever expanded); devices and values stay within their caps.
#include <parse/text.hpp>
#include <parse/upnp_description.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace parse = camaudit::parse;
    constexpr std::size_t cap = 512;
    const auto parsed = parse::parse_upnp_description(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed) return 0;
    if (parsed->devices.size() > parse::max_upnp_devices) __builtin_trap();
    for (const auto& o : parse::upnp_observations(*parsed, {}, cap))
        if (o.value.size() > cap || parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
    return 0;
}
