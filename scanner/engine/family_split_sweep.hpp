// A target set of both families on a SYN-capable machine: IPv4 pairs go to the SYN sweep,
// which is IPv4 only, and IPv6 pairs to the connect sweep, as one sweep to the engine.
#pragma once
#include <engine/sweep.hpp>

namespace camaudit::engine {

// Runs `ipv4` over the plan's IPv4 addresses, then `other` over the rest, one after the
// other so the plan's rate holds for both; stats are summed. Splitting lists the index of
// every address once (8 bytes each), so it is used only when the targets mix families.
class FamilySplitSweep final : public Sweep {
public:
    FamilySplitSweep(Sweep& ipv4, Sweep& other) : ipv4_(ipv4), other_(other) {}
    const char* name() const override { return "syn+connect"; }
    SweepStats run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) override;

private:
    Sweep& ipv4_;
    Sweep& other_;
};

}  // namespace camaudit::engine
