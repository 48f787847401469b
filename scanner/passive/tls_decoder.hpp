// TLS server certificates seen in clear in a captured TLS 1.0-1.2 handshake.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder tls_decoder;

}  // namespace camaudit::passive
