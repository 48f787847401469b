// Which silent (address, port) pairs of the port sweep get their retry: only those of a host
// that has said nothing in this sweep yet. Thread-safe: replies are noted on the engine's
// thread, the sweep asks from its own.
#pragma once
#include <boost/asio/ip/address.hpp>

#include <mutex>
#include <unordered_set>

namespace camaudit::engine {

// Why: every host of the port sweep answered discovery, so the timeout already covers its
// round trip. When the host answered other ports of this sweep (a SYN-ACK or a reset, within
// that round trip), its stack and the path are working and a silent port is a filter that
// drops it: a retry would only wait the timeout out again. A host that has answered nothing
// since discovery shows loss (a lost SYN, a congested link), and there a retry pays. One
// entry per answering host: the port sweep only runs on hosts found up.
class RetryRule {
public:
    void answered(const boost::asio::ip::address& host);
    bool retry_silent(const boost::asio::ip::address& host) const;

private:
    mutable std::mutex guard_;
    std::unordered_set<boost::asio::ip::address> answered_;
};

}  // namespace camaudit::engine
