// libFuzzer entry point for the SSDP parser: any datagram parses or is refused without a crash;
// header count and value sizes stay within their caps; LOCATION splitting never throws.
#include "fuzz_support.hpp"

#include <parse/ssdp_message.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    constexpr std::size_t cap = 512;
    const auto datagram = fuzz::bytes_of(data, size);
    (void)parse::parse_location_url(datagram);
    const auto parsed = parse::parse_ssdp_message(datagram);
    if (parsed.outcome != parse::SsdpParse::ok) return 0;
    fuzz::require(parsed.message.headers.size() <= parse::max_ssdp_header_fields);
    for (const auto& [name, value] : parsed.message.headers)
        fuzz::require(name.size() <= parse::max_ssdp_line_bytes && value.size() <= parse::max_ssdp_line_bytes);
    const auto url = parse::parse_location_url(parsed.message.location);
    fuzz::require(!url || !url->path.empty());
    const auto base = fuzz::fuzz_base(1900);
    fuzz::require_sound(parse::ssdp_observations(parsed.message, base, cap), base, cap);
    return 0;
}
