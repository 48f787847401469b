// libFuzzer entry point for the /proc/net/arp reader: any text gives complete entries with a
// well-formed MAC and address, or none, without a crash.
#include <net/neighbour_table.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& entry : camaudit::net::parse_proc_net_arp(text))
        if (entry.mac.size() != 17 || entry.ip.empty() || entry.ip.size() > 15) __builtin_trap();
    return 0;
}
