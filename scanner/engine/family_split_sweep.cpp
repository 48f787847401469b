// The family split: two index lists over the plan's addresses, one run of each sweep.
#include <engine/family_split_sweep.hpp>

#include <memory>

namespace camaudit::engine {
namespace {

// The plan's addresses of one family, as an address list of their own.
AddressList subset(const AddressList& all, const std::shared_ptr<const std::vector<std::uint64_t>>& indexes) {
    return {indexes->size(), [all, indexes](std::uint64_t i) { return all.at((*indexes)[i]); }};
}

void add(SweepStats& sum, const SweepStats& part) {
    sum.elements += part.elements;
    sum.sent += part.sent;
    sum.open += part.open;
    sum.closed += part.closed;
    sum.unreachable += part.unreachable;
    sum.invalid += part.invalid;
    sum.send_errors += part.send_errors;
    sum.refused += part.refused;
    sum.backoffs += part.backoffs;
    sum.complete = sum.complete && part.complete;
    sum.warnings.insert(sum.warnings.end(), part.warnings.begin(), part.warnings.end());
}

}  // namespace

SweepStats FamilySplitSweep::run(const SweepPlan& plan, const ReplySink& sink, const std::atomic<bool>& stop) {
    auto v4 = std::make_shared<std::vector<std::uint64_t>>();
    auto rest = std::make_shared<std::vector<std::uint64_t>>();
    for (std::uint64_t i = 0; i < plan.addresses.size; ++i) (plan.addresses.at(i).is_v4() ? v4 : rest)->push_back(i);
    SweepStats stats;
    SweepPlan part = plan;
    if (!v4->empty()) {
        part.addresses = subset(plan.addresses, v4);
        add(stats, ipv4_.run(part, sink, stop));
    }
    if (!rest->empty() && !stop) {
        part.addresses = subset(plan.addresses, rest);
        add(stats, other_.run(part, sink, stop));
    }
    return stats;
}

}  // namespace camaudit::engine
