// The sweep any user can run: non-blocking TCP connects on Asio, a window of them outstanding
// under the token bucket. A handshake is open, a reset or refusal is closed; silence,
// timeouts and unreachables from routers are not reported.
#pragma once
#include <engine/sweep.hpp>

namespace camaudit::engine {

// EMFILE, ENFILE, ENOBUFS and EADDRNOTAVAIL (the machine, not the target, ran out) pause the
// whole sweep with an exponential back-off and the pair is tried again; they never become
// closed or filtered. The window is plan.concurrency lowered to what RLIMIT_NOFILE allows
// (connect_window). Replies reach the sink on the thread that called run().
class ConnectSweep final : public Sweep {
public:
    const char* name() const override { return "connect"; }
    SweepStats run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) override;
};

}  // namespace camaudit::engine
