// libFuzzer entry point for parse/dhcp_message: any datagram parses as DHCPv4 and DHCPv6 or
// is refused without a crash; text fields stay valid UTF-8 within their caps.
#include <parse/dhcp_message.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>

namespace {
void check(const camaudit::parse::DhcpMessage& m) {
    using camaudit::parse::max_dhcp_text_bytes;
    for (const auto* text : {&m.hostname, &m.vendor_class})
        if (text->size() > max_dhcp_text_bytes + 12 || camaudit::parse::to_valid_utf8(*text, 4096) != *text) __builtin_trap();
    if (m.client_id.size() > 2 * camaudit::parse::max_dhcp_client_id_bytes) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> datagram(data, size);
    if (const auto v4 = camaudit::parse::parse_dhcpv4(datagram)) check(*v4);
    if (const auto v6 = camaudit::parse::parse_dhcpv6(datagram)) check(*v6);
    return 0;
}
