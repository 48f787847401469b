// WS-Discovery heard in a capture (UDP 3702): Hello, Bye and ProbeMatches.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder wsd_decoder;

}  // namespace camaudit::passive
