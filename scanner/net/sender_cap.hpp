// The per-sender cap of a UDP listener (discover's multicast listen, the scan's UDP sweep): a
// device answers a discovery probe with one datagram or a few, so past this many from one
// sender the rest are dropped unread; one flooding host costs little and hides nobody.
#pragma once
#include <cstddef>
#include <fmt/format.h>
#include <string>

namespace camaudit::net {

inline constexpr std::size_t datagrams_per_sender = 16;

// The error recorded against a sender that went past the cap.
inline std::string over_sender_cap(std::size_t heard) {
    return fmt::format("{} datagrams from this sender, {} dropped past the cap of {} per sender", heard,
                       heard - datagrams_per_sender, datagrams_per_sender);
}

}  // namespace camaudit::net
