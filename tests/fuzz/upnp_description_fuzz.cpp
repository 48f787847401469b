// libFuzzer entry point for the UPnP device description reader: any bytes parse or are refused
// without a crash (no entity is ever expanded); devices and values stay within their caps.
#include "fuzz_support.hpp"

#include <parse/upnp_description.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    constexpr std::size_t cap = 512;
    const auto parsed = parse::parse_upnp_description(fuzz::bytes_of(data, size));
    if (!parsed) return 0;
    fuzz::require(parsed->devices.size() <= parse::max_upnp_devices);
    const auto base = fuzz::fuzz_base(49152);
    fuzz::require_sound(parse::upnp_observations(*parsed, base, cap), base, cap);
    return 0;
}
