// DHCPv4 and DHCPv6 client messages heard in a capture: host name, vendor class, parameter
// request list and client id of the client.
#pragma once
#include <camaudit/packet.hpp>

namespace camaudit::passive {

extern const PassiveDecoder dhcp_decoder;

}  // namespace camaudit::passive
