// The stateless SYN sweep (CAP_NET_RAW): SYNs sent on a raw IPv4 socket, answers read by
// libpcap behind a BPF filter and validated by the probe's keyed hash (engine/probe_key.hpp),
// as zmap and masscan do. IPv4 only: IPv6 pairs are left to the connect sweep.
#pragma once
#include <engine/sweep.hpp>
#include <net/pcap_source.hpp>

#include <boost/asio/ip/address_v4.hpp>
#include <memory>
#include <string>

namespace camaudit::engine {

struct SynReadiness {
    bool ready = false;
    std::string reason;  // why not, one line for stderr ("no CAP_NET_RAW: ...")
};

// Whether this process may run the SYN sweep (it can open a raw IPv4 socket). Never throws:
// when it cannot, the engine uses the connect sweep and says `reason` once.
SynReadiness syn_sweep_ready();

// The scanner's own kernel answers each SYN-ACK with a reset, since no socket of its own
// asked for the connection; the host sees a half-open connection torn down, as with zmap
// and masscan, and the BPF filter keeps those resets out of the capture.
class SynSweep final : public Sweep {
public:
    // Opens the raw socket and the capture on the interface (and with the source address)
    // of the kernel's route to `route_to`; every probe leaves with that source address.
    // Call before privileges are dropped: the open handles keep working afterwards.
    // Throws RunError when the route, the socket or the capture cannot be had.
    static std::unique_ptr<SynSweep> open(const boost::asio::ip::address_v4& route_to);
    // The source address the kernel's route to `target` leaves from (nothing is sent).
    // Throws RunError when there is no route.
    static boost::asio::ip::address_v4 route_source(const boost::asio::ip::address_v4& target);
    ~SynSweep() override;
    SynSweep(const SynSweep&) = delete;
    SynSweep& operator=(const SynSweep&) = delete;

    const char* name() const override { return "syn"; }
    // Sends each pair of the shard once per pass (1 + plan.retries passes over the same
    // permutation; a later pass skips pairs that already answered), paced by plan.rate,
    // then waits plan.late_wait for late answers. Not reentrant: one run at a time.
    SweepStats run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) override;

    const std::string& interface() const { return interface_; }
    const boost::asio::ip::address_v4& source() const { return source_; }
    // The capture filter: TCP SYN-ACKs and resets to our probe ports, ICMP unreachables.
    static std::string capture_filter(const boost::asio::ip::address_v4& source);

private:
    SynSweep(int raw_socket, net::PcapSource capture, boost::asio::ip::address_v4 source, std::string interface);
    friend class SynRun;
    int raw_socket_;
    net::PcapSource capture_;
    boost::asio::ip::address_v4 source_;
    std::string interface_;
};

}  // namespace camaudit::engine
