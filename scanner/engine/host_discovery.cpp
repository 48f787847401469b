// Replies are appended as they come (one per answering pair, so at most hosts × six), then
// sorted and made unique once the sweep is over.
#include <engine/host_discovery.hpp>

#include <algorithm>
#include <mutex>

namespace camaudit::engine {

std::string discovery_reason(const SweepReply& reply) {
    const char* what = reply.reply == PortReply::open ? "open" : reply.reply == PortReply::closed ? "reset" : "unreachable";
    return "tcp/" + std::to_string(reply.port) + " " + what;
}

UpHosts compact_up_hosts(std::vector<UpHost> found) {
    std::stable_sort(found.begin(), found.end(), [](const UpHost& a, const UpHost& b) { return a.address < b.address; });
    found.erase(std::unique(found.begin(), found.end(),
                            [](const UpHost& a, const UpHost& b) { return a.address == b.address; }),
                found.end());
    found.shrink_to_fit();
    return std::make_shared<const std::vector<UpHost>>(std::move(found));
}

AddressList address_list(const UpHosts& hosts) {
    return {hosts->size(), [hosts](std::uint64_t index) { return (*hosts)[index].address; }};
}

DiscoveryResult discover_hosts(Sweep& sweep, const SweepPlan& plan, std::vector<UpHost> known,
                               const std::atomic<bool>& stop) {
    std::mutex guard;
    std::vector<UpHost> answered;
    const ReplySink sink = [&](const SweepReply& reply) {
        const std::lock_guard lock(guard);
        answered.push_back({reply.address, discovery_reason(reply)});
    };
    DiscoveryResult result;
    result.stats = sweep.run(plan, sink, stop);
    known.insert(known.end(), std::make_move_iterator(answered.begin()), std::make_move_iterator(answered.end()));
    result.hosts = compact_up_hosts(std::move(known));
    return result;
}

}  // namespace camaudit::engine
