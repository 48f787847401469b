// mDNS / DNS-SD heard in a capture (UDP 5353): responses and announcements.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder mdns_decoder;

}  // namespace camaudit::passive
