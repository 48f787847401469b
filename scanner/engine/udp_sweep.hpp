// The UDP side of an active scan: each UDP probe's datagram to every host found up, answers
// interpreted as they arrive, until a listen window after the last send.
#pragma once
#include <camaudit/observation.hpp>
#include <camaudit/probe.hpp>
#include <camaudit/report.hpp>
#include <camaudit/target.hpp>
#include <engine/sweep.hpp>
#include <net/rate_limiter.hpp>
#include <targets/target_set.hpp>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>

namespace camaudit::engine {

struct UdpSweepContext {
    const targets::TargetSet& targets;  // the scope: a LOCATION outside it is never fetched
    AddressList hosts;                  // whom to ask: the hosts found up
    net::RateLimiter& limiter;
    std::uint64_t seed = 0;
    std::chrono::milliseconds listen_window{2000};
    const bool& stopping;
    std::function<void(Observation)> observe;
    std::function<void(ReportError)> error;
    std::function<void(const boost::asio::ip::address&)> host_up;
    const ProbeData* data = nullptr;  // handed to each UdpExchange (the SNMP community)
};

// Runs one probe's sweep to completion (or until `stopping`); never throws for network
// outcomes. Answers from addresses that were not probed are ignored and counted.
boost::asio::awaitable<void> udp_sweep(const UdpProbe& probe, UdpSweepContext context);

}  // namespace camaudit::engine
