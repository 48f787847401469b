// ARP heard in a capture: requests, replies, gratuitous ARP and probes; each names its sender.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder arp_decoder;

}  // namespace camaudit::passive
