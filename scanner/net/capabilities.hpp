// Whether this process holds a capability now, asked without opening anything (the dry run
// says which sweep and which discovery a real run would get).
#pragma once

namespace camaudit::net {

// CAP_NET_RAW in the effective set: raw sockets and captures would open.
bool has_net_raw();

}  // namespace camaudit::net
