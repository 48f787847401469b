// Reads the effective set from capget(2): a root process without CAP_NET_RAW (a container,
// a bounding set) is told apart from one with it.
#include <net/capabilities.hpp>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace camaudit::net {

bool has_net_raw() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0) return false;
    return (data[CAP_TO_INDEX(CAP_NET_RAW)].effective & CAP_TO_MASK(CAP_NET_RAW)) != 0;
}

}  // namespace camaudit::net
