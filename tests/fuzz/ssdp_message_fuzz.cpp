// libFuzzer entry point for the SSDP parser: any datagram parses or is refused without a crash;
// header count and value sizes stay within their caps; LOCATION splitting never throws.
#include <parse/ssdp_message.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace parse = camaudit::parse;
    constexpr std::size_t cap = 512;
    const std::string_view datagram(reinterpret_cast<const char*>(data), size);
    (void)parse::parse_location_url(datagram);
    const auto parsed = parse::parse_ssdp_message(datagram);
    if (parsed.outcome != parse::SsdpParse::ok) return 0;
    if (parsed.message.headers.size() > parse::max_ssdp_header_fields) __builtin_trap();
    for (const auto& [name, value] : parsed.message.headers)
        if (name.size() > parse::max_ssdp_line_bytes || value.size() > parse::max_ssdp_line_bytes) __builtin_trap();
    if (const auto url = parse::parse_location_url(parsed.message.location); url && url->path.empty()) __builtin_trap();
    for (const auto& o : parse::ssdp_observations(parsed.message, {}, cap))
        if (o.value.size() > cap || parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
    return 0;
}
