// RTSP replies seen in the server-to-client bytes of a captured TCP flow.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder rtsp_decoder;

}  // namespace camaudit::passive
