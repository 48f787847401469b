// The sweep contract: which (address, port) pairs of a list of addresses answer, and how.
// Two implementations fill it: the connect sweep (any user) and the stateless SYN sweep
// (CAP_NET_RAW; replies validated by a keyed hash, no per-probe table, as zmap does).
// Host discovery is a sweep over a few camera ports; the port sweep is a sweep over the
// hosts found up. Silence is never reported: an address that does not answer costs one
// bounded wait, and the caller counts it from the stats.
#pragma once
#include <camaudit/target.hpp>

#include <boost/asio/ip/address.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace camaudit::engine {

class RttEstimate;

// What a host said to one probe. `unreachable` is an ICMP unreachable sent by the host
// itself (port or protocol unreachable): it proves the host is up. An unreachable from a
// router proves nothing and is not reported.
enum class PortReply { open, closed, unreachable };

struct SweepReply {
    boost::asio::ip::address address;
    std::uint16_t port = 0;
    PortReply reply = PortReply::closed;
    std::chrono::microseconds rtt{0};  // from the probe's send to this reply; 0 when unknown
};

// The addresses to sweep, indexable without listing them (a TargetSet, or the hosts found up).
struct AddressList {
    std::uint64_t size = 0;
    std::function<boost::asio::ip::address(std::uint64_t index)> at;
};

struct SweepPlan {
    AddressList addresses;
    std::vector<std::uint16_t> ports;
    std::uint64_t seed = 0;       // order of the (address, port) permutation; keys the SYN hash
    Shard shard;                  // slice of that permutation
    double rate = 1000;           // probes per second at most, retries included
    std::size_t concurrency = 256;            // connect sweep: connects outstanding at once
    std::chrono::milliseconds timeout{1500};  // connect sweep: per connect
    int retries = 1;                          // extra probes for a pair that stayed silent
    // When set, a silent pair gets its retries only while this says so for its host
    // (retry_rule.hpp); called from the sweep's thread.
    std::function<bool(const boost::asio::ip::address& host)> retry_silent;
    // When set, every reply's rtt is added to it from the sweep's thread (adaptive timing).
    RttEstimate* rtt_samples = nullptr;
    std::chrono::milliseconds late_wait{1500};  // SYN sweep: the one wait for late replies
    // When set, the sweep adds one per probe sent as it goes (the progress line reads it from
    // another thread); stats.sent is the final count either way.
    std::atomic<std::uint64_t>* sent_counter = nullptr;
    // When set, addresses it is true for get no probe at all (discovery: the addresses an ARP
    // sweep already settled); they count in `elements` but not in `sent`.
    std::function<bool(const boost::asio::ip::address&)> skip;
};

struct SweepStats {
    std::uint64_t elements = 0;     // (address, port) pairs in the plan's shard
    std::uint64_t sent = 0;         // probes sent, retries included
    std::uint64_t open = 0;
    std::uint64_t closed = 0;
    std::uint64_t unreachable = 0;
    std::uint64_t invalid = 0;      // replies that failed validation (not ours, forged, stale)
    std::uint64_t send_errors = 0;  // sends the system still refused when the back-off gave up
    std::uint64_t refused = 0;      // sends refused outright (EACCES for a broadcast address, EPERM, no route)
    std::uint64_t backoffs = 0;     // times EMFILE/ENOBUFS/EADDRNOTAVAIL slowed the sweep down
    bool complete = true;           // false when `stop` ended it early
    std::vector<std::string> warnings;  // said once each on stderr by the caller
};

// Called once per reply, possibly from another thread than the caller of run(): the sink
// must be thread-safe (the engine posts it into its own io_context).
using ReplySink = std::function<void(const SweepReply&)>;

class Sweep {
public:
    virtual ~Sweep() = default;
    virtual const char* name() const = 0;  // "syn" or "connect", recorded in the report
    // Blocks until every pair was probed and the last wait ran out, or `stop` became true.
    virtual SweepStats run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) = 0;
};

}  // namespace camaudit::engine
