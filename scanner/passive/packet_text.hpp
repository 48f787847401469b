// Text forms of packet addresses, and the observation every decoder starts from.
#pragma once
#include <camaudit/packet.hpp>

#include <string_view>

namespace camaudit::passive {

// An observation about the packet's sender: ip, port, proto, time and probe
// "passive:<decoder>" filled; `mac` only when `with_mac` (see PassiveDecoder on who is on-link).
Observation sender_observation(const Packet& packet, std::string_view decoder, bool with_mac);

// True when the sender is on the local link for sure: the packet went to a multicast or
// broadcast address (link-local scope) or is ARP.
bool sender_on_link(const Packet& packet);

}  // namespace camaudit::passive
