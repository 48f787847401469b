// Host discovery: which addresses hold a host, found by a sweep over a few camera ports
// before the full port table is spent on anyone. Only hosts found up are kept, as a sorted
// vector; a silent address leaves no state behind.
#pragma once
#include <engine/sweep.hpp>

#include <array>
#include <memory>
#include <string_view>

namespace camaudit::engine {

// Why these ports: any reply proves a host, and a camera's own TCP stack resets a closed
// port, so one port would do on an open network; the rest catch hosts whose firewall drops
// everything but their services (docs/ports.md): 80 and 443 (the web interface of almost
// every camera, NVR and DVR), 554 (RTSP, almost every camera), 8000 (Hikvision/EZVIZ SDK),
// 37777 (Dahua DVRIP and its OEMs), 4100 (Verkada, which opens nothing else). Six ports keep
// discovery at six probes per address, a fraction of the 30-port table.
inline constexpr std::array<std::uint16_t, 6> discovery_ports = {80, 443, 554, 8000, 37777, 4100};

// No retries in discovery: six ports per address already give a host six chances to answer.
inline constexpr int discovery_retries = 0;

// The observation key that says how a host was found (fingerprints/vocabulary/keys/host.json).
inline constexpr std::string_view host_discovery_key = "host.discovery";
inline constexpr std::string_view assumed_up = "assumed (--no-discovery)";

struct UpHost {
    boost::asio::ip::address address;
    std::string how;  // the host.discovery value: "tcp/554 reset", "arp", "assumed (--no-discovery)"
};

// The hosts found up, sorted by address, one entry each; shared with the tasks that probe them.
using UpHosts = std::shared_ptr<const std::vector<UpHost>>;

// "tcp/80 open", "tcp/554 reset", "tcp/554 unreachable".
std::string discovery_reason(const SweepReply& reply);

// Sorts by address and keeps the first entry of each address (earlier entries win: pass ARP
// results before the sweep's).
UpHosts compact_up_hosts(std::vector<UpHost> found);

// The up hosts as the next sweep's address list.
AddressList address_list(const UpHosts& hosts);

struct DiscoveryResult {
    UpHosts hosts;
    SweepStats stats;
};

// Sweeps `plan` (its ports are usually discovery_ports) and adds `known` (ARP replies and
// the neighbour table) to what answered. Blocks like Sweep::run.
DiscoveryResult discover_hosts(Sweep& sweep, const SweepPlan& plan, std::vector<UpHost> known,
                               const std::atomic<bool>& stop);

}  // namespace camaudit::engine
