// The Hikvision SDK-port deep probe `hiksdk` (see sdk_probe.cpp).
#pragma once
#include <camaudit/probe.hpp>

#include <chrono>
#include <cstddef>
#include <string_view>

namespace camaudit::probes {

extern const DeepProbe sdk_probe;

// What the probe reads and sends, named for its tests and docs/probes/sdk.md.
inline constexpr std::size_t sdk_banner_max_bytes = 64;
inline constexpr std::chrono::milliseconds sdk_greeting_wait{500};
// Hikvision firmware answers the junk at once; a port that keeps silent longer is not its SDK,
// and waiting the whole exchange timeout there only holds a worker.
inline constexpr std::chrono::milliseconds sdk_reply_wait{1500};
inline constexpr std::string_view sdk_junk_request = "\r\n\r\n";

}  // namespace camaudit::probes
