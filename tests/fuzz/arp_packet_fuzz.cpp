// libFuzzer entry point for the ARP frame parser: any bytes parse or are refused without a
// crash or overread, and a parsed frame rebuilt as a request parses back to its addresses.
#include <parse/arp_packet.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto packet = camaudit::parse::parse_arp_frame(bytes);
    if (!packet) return 0;
    const auto frame = camaudit::parse::arp_request_frame(packet->sender_mac, packet->sender_ip, packet->target_ip);
    const auto again = camaudit::parse::parse_arp_frame(frame);
    if (!again || again->sender_mac != packet->sender_mac || again->target_ip != packet->target_ip) __builtin_trap();
    if (camaudit::parse::mac_text(packet->sender_mac).size() != 17) __builtin_trap();
    return 0;
}
