// libFuzzer entry point for the SNMP BER codec: any datagram decodes or is refused without a
// crash; varbinds stay within their cap; a decoded OID re-encodes to the same text; an
// SNMPv3 message keeps its engine ID within the cap.
#include <parse/snmp_ber.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace parse = camaudit::parse;
    constexpr std::size_t cap = 512;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto oid = parse::decode_oid(bytes))
        if (const auto again = parse::encode_oid(*oid); again && parse::decode_oid(*again) != oid) __builtin_trap();
    if (const auto v3 = parse::parse_snmp_v3_message(bytes); v3.outcome == parse::SnmpParse::ok) {
        if (v3.message.engine_id.size() > parse::max_snmp_engine_id_bytes) __builtin_trap();
        if (parse::snmp_engine_observations(v3.message.engine_id, {}).size() > 2) __builtin_trap();
    }
    const auto parsed = parse::parse_snmp_message(bytes);
    if (parsed.outcome != parse::SnmpParse::ok) return 0;
    if (parsed.message.varbinds.size() > parse::max_snmp_varbinds) __builtin_trap();
    for (const auto& o : parse::snmp_observations(parsed.message, {}, cap))
        if (o.value.size() > cap || parse::to_valid_utf8(o.value, cap + 1) != o.value) __builtin_trap();
    return 0;
}
