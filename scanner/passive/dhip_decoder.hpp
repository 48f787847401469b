// Dahua DHIP discovery heard in a capture (UDP 37810): client.notifyDevInfo answers.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder dhip_decoder;

}  // namespace camaudit::passive
