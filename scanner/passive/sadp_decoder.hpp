// Hikvision SADP heard in a capture (UDP 37020): ProbeMatch answers and announcements.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder sadp_decoder;

}  // namespace camaudit::passive
