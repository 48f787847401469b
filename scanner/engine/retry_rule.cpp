// The answering hosts of one port sweep, behind one lock (a few hundred hosts on a /16).
#include <engine/retry_rule.hpp>

namespace camaudit::engine {

void RetryRule::answered(const boost::asio::ip::address& host) {
    const std::lock_guard lock(guard_);
    answered_.insert(host);
}

bool RetryRule::retry_silent(const boost::asio::ip::address& host) const {
    const std::lock_guard lock(guard_);
    return !answered_.contains(host);
}

}  // namespace camaudit::engine
