// Layer-2 additions to scan; see layer2_scan.hpp for the order and docs/layer2.md for use.
#include <app/layer2_scan.hpp>

#include <app/discover_command.hpp>
#include <camaudit/error.hpp>
#include <net/interface_info.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace camaudit::app {
namespace {

constexpr std::uint64_t max_arp_scope = 1u << 20;  // addresses looked at for the subnet
constexpr std::chrono::milliseconds discover_window{3000};

net::InterfaceInfo sweep_interface(const Layer2Args& args, const targets::TargetSet& scope) {
    if (!args.interface.empty()) {
        auto named = net::interface_named(args.interface);
        if (!named) throw UsageError(fmt::format("--interface {}: no such interface with an IPv4 address", args.interface),
                                     "list them with 'ip -brief address'");
        return *named;
    }
    for (std::uint64_t i = 0; i < scope.size() && i < max_arp_scope; ++i)
        if (const auto address = scope.at(i); address.is_v4())
            if (auto found = net::interface_for(address.to_v4())) return *found;
    throw UsageError("--arp: no target is on a directly attached IPv4 subnet",
                     "ARP reaches only the local segment; name it with --interface IF and a target inside its subnet");
}

}  // namespace

void add_layer2_options(CLI::App& scan, Layer2Args& args) {
    scan.add_flag("--arp", args.arp,
                  "Also ARP-sweep the targets on the directly attached subnet (needs CAP_NET_RAW; docs/layer2.md)");
    scan.add_option("--interface,-i", args.interface, "Interface for --arp (default: the one whose subnet holds the targets)")
        ->type_name("IF");
    scan.add_option("--discover", args.discover, "After the scan, send the multicast discovery probes on IF and merge the answers")
        ->type_name("IF");
    scan.add_option("--user", args.user, "With --arp as root: the account to become once the capture is open (default nobody)")
        ->type_name("NAME");
}

Layer2Scan::Layer2Scan(const Layer2Args& args, const targets::TargetSet& scope, const std::vector<std::string>& files,
                       Report& report)
    : args_(args), scope_(scope), report_(report) {
    if (!args.arp) return;
    auto interface = sweep_interface(args, scope);
    for (std::uint64_t i = 0; i < scope.size() && i < max_arp_scope; ++i)
        if (const auto address = scope.at(i); address.is_v4() && interface.on_subnet(address.to_v4()))
            on_subnet_.push_back(address.to_v4());
    const net::PrivilegeOptions privileges{args.user};
    for (const auto& file : files)
        if (file != "-" && !net::writable_after_drop(privileges, file))
            throw RunError(fmt::format("the report {} would not be writable once privileges are dropped to user '{}'; "
                                       "write it to a folder that user may write, or choose --user NAME",
                                       file, net::drop_account(privileges)));
    capture_ = std::make_unique<net::ArpCapture>(interface);
    const auto drop = net::drop_privileges(privileges);
    report.scan.options["arp_interface"] = fmt::format("{} ({})", interface.name, interface.subnet_text());
    report.scan.options["privileges"] = drop.description;
}

Layer2Scan::~Layer2Scan() = default;

std::vector<Observation> Layer2Scan::before_active(const bool& stopping) {
    if (!capture_) return {};
    auto observations = net::neighbour_observations(on_subnet_);
    auto swept = capture_->sweep(on_subnet_, net::ArpSweepOptions{}, stopping);
    observations.insert(observations.end(), swept.begin(), swept.end());
    const auto& stats = capture_->stats();
    report_.scan.options["arp_requests"] = std::to_string(stats.requests);
    report_.scan.options["arp_replies"] = std::to_string(stats.replies);
    if (stats.inject_errors > 0)
        report_.errors.push_back({capture_->interface().name, "arp", fmt::format("{} request(s) not sent", stats.inject_errors)});
    swept_ = observations;
    return observations;
}

void Layer2Scan::after_active(ActiveScanResult& result, const std::vector<const UdpProbe*>& udp_probes) {
    auto& all = result.observations;
    // Hosts that answered ARP are up even when every port is closed or filtered.
    std::set<std::string> answered;
    for (const auto& o : swept_) answered.insert(o.ip);
    result.hosts_up = std::max<std::uint64_t>(result.hosts_up, answered.size());
    if (capture_)
        for (auto& o : net::neighbour_observations(on_subnet_)) all.push_back(std::move(o));
    if (args_.discover.empty()) return;
    const auto interface = net::interface_named(args_.discover);
    if (!interface) {
        result.errors.push_back({args_.discover, "discover", "no such interface with an IPv4 address"});
        return;
    }
    auto found = multicast_discover(*interface, udp_probes, discover_window);
    for (auto& o : found.observations)
        if (scope_.contains(boost::asio::ip::make_address(o.ip))) all.push_back(std::move(o));
    for (auto& e : found.errors) result.errors.push_back(std::move(e));
    report_.scan.options["discover_interface"] = interface->name;
}

}  // namespace camaudit::app
