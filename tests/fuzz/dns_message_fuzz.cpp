// libFuzzer entry point for the DNS (mDNS) parser: any datagram parses or is refused without a
// crash or a hang (pointer loops end at the hop cap); records and names stay within caps.
#include <parse/dns_message.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace parse = camaudit::parse;
    constexpr std::size_t cap = 512;
    const auto parsed = parse::parse_dns_message(std::string_view(reinterpret_cast<const char*>(data), size));
    if (parsed.outcome != parse::DnsParse::ok) return 0;
    if (parsed.message.questions.size() > parse::max_dns_questions) __builtin_trap();
    if (parsed.message.records.size() > parse::max_dns_records) __builtin_trap();
    for (const auto& record : parsed.message.records) {
        std::size_t wire = 1;
        for (const auto& label : record.name) wire += label.size() + 1;
        if (wire > parse::max_dns_name_bytes) __builtin_trap();
    }
    for (const auto& o : parse::mdns_observations(parsed.message, {}, cap))
        if (o.value.size() > cap || parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
    return 0;
}
