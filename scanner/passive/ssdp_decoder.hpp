// SSDP heard in a capture (UDP 1900): NOTIFY announcements and answers to anyone's M-SEARCH.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder ssdp_decoder;

}  // namespace camaudit::passive
