// Layer-2 additions to scan; see layer2_scan.hpp for the order and docs/layer2.md for use.
#include <app/layer2_scan.hpp>

#include <app/discover_command.hpp>
#include <camaudit/error.hpp>
#include <net/capabilities.hpp>
#include <net/interface_info.hpp>

#include <algorithm>
#include <fmt/format.h>
#include <net/if.h>
#include <set>

namespace camaudit::app {
namespace {

constexpr std::uint64_t max_arp_scope = 1u << 20;  // addresses looked at for the subnet
constexpr std::chrono::milliseconds discover_window{3000};

std::optional<net::InterfaceInfo> attached_interface(const Layer2Args& args, const targets::TargetSet& scope) {
    if (!args.interface.empty()) {
        auto named = net::interface_named(args.interface);
        if (!named) throw UsageError(fmt::format("--interface {}: no such interface with an IPv4 address", args.interface),
                                     "list them with 'ip -brief address'");
        return named;
    }
    for (std::uint64_t i = 0; i < scope.size() && i < max_arp_scope; ++i)
        if (const auto address = scope.at(i); address.is_v4())
            if (auto found = net::interface_for(address.to_v4())) return found;
    return std::nullopt;
}

net::InterfaceInfo sweep_interface(const Layer2Args& args, const targets::TargetSet& scope) {
    if (auto found = attached_interface(args, scope)) return *found;
    throw UsageError("--arp: no target is on a directly attached IPv4 subnet",
                     "ARP reaches only the local segment; name it with --interface IF and a target inside its subnet");
}

std::vector<boost::asio::ip::address_v4> addresses_on(const net::InterfaceInfo& interface,
                                                     const targets::TargetSet& scope) {
    std::vector<boost::asio::ip::address_v4> on_subnet;
    for (std::uint64_t i = 0; i < scope.size() && i < max_arp_scope; ++i)
        if (const auto address = scope.at(i); address.is_v4() && interface.on_subnet(address.to_v4()))
            on_subnet.push_back(address.to_v4());
    return on_subnet;
}

}  // namespace

std::uint64_t planned_arp_addresses(const Layer2Args& args, const targets::TargetSet& scope) {
    if (args.no_arp || !net::has_net_raw()) return 0;
    const auto interface = attached_interface(args, scope);
    return interface ? addresses_on(*interface, scope).size() : 0;
}

namespace {

// An interface name must name one of this machine's interfaces (a typo is exit 2, not a
// scan that silently skips its layer-2 part); discovery also needs an IPv4 address on it.
CLI::Validator existing_interface(bool needs_ipv4) {
    return CLI::Validator(
        [needs_ipv4](std::string& name) -> std::string {
            if (needs_ipv4 ? net::interface_named(name).has_value() : if_nametoindex(name.c_str()) != 0) return {};
            return fmt::format("no interface '{}'{} on this machine (list them with 'ip -brief address')", name,
                               needs_ipv4 ? " with an IPv4 address" : "");
        },
        "");
}

}  // namespace

void add_layer2_options(CLI::App& scan, Layer2Args& args) {
    scan.add_flag("--arp", args.arp,
                  "ARP-sweep the targets on the directly attached subnet (needs CAP_NET_RAW; done by default "
                  "when privileged; docs/layer2.md)");
    scan.add_flag("--no-arp", args.no_arp,
                  "No default ARP sweep when privileged: discovery probes on-link targets over TCP too")
        ->excludes("--arp");
    scan.add_option("--interface,-i", args.interface, "Interface for --arp (default: the one whose subnet holds the targets)")
        ->type_name("IF")->check(existing_interface(false));
    scan.add_option("--discover", args.discover, "After the scan, send the multicast discovery probes on IF and merge the answers")
        ->type_name("IF")->check(existing_interface(true));
    scan.add_option("--passive-while-scanning,--listen", args.listen,
                    "Capture on IF all through the scan (as 'camaudit passive' does) and merge what in-scope hosts sent "
                    "(needs CAP_NET_RAW)")
        ->type_name("IF")->check(existing_interface(false));
    scan.add_option("--user", args.user,
                    "As root: the account to become once the sweep and capture handles are open (default: the "
                    "account that ran sudo, else nobody; 'root' keeps root)")
        ->type_name("NAME");
}

Layer2Scan::Layer2Scan(const Layer2Args& args, const targets::TargetSet& scope, Report& report)
    : args_(args), scope_(scope), report_(report) {
    open_raw_handles(!args.arp && !args.no_arp);
}

Layer2Scan::~Layer2Scan() = default;

// `default_arp`: the sweep a privileged scan does unasked, skipped where no target is on
// an attached subnet or the capture cannot be opened (the scan then discovers over TCP).
void Layer2Scan::open_raw_handles(bool default_arp) {
    if (args_.arp || default_arp) {
        const auto found = default_arp ? attached_interface(args_, scope_) : sweep_interface(args_, scope_);
        if (found) on_subnet_ = addresses_on(*found, scope_);
        if (found && !(default_arp && on_subnet_.empty())) {
            try {
                capture_ = std::make_unique<net::ArpCapture>(*found);
                arp_subnet_ = *found;
                report_.scan.options["arp_interface"] = fmt::format("{} ({})", found->name, found->subnet_text());
            } catch (const std::exception&) {  // RunError without CAP_NET_RAW, or a capture refused
                if (!default_arp) throw;
                on_subnet_.clear();
            }
        }
    }
    if (!args_.listen.empty()) {
        listener_ = std::make_unique<BackgroundCapture>(args_.listen);
        report_.scan.options["passive_interface"] = listener_->interface();
        report_.scan.options["passive_filter"] = listener_->filter();
    }
}

std::vector<Observation> Layer2Scan::before_active(double rate, const bool& stopping) {
    if (listener_) listener_->start();
    if (!capture_) return {};
    if (stopping) {
        capture_.reset();
        return {};
    }
    auto observations = net::neighbour_observations(on_subnet_);
    {
        const passive::StopSignals signals(interrupted_);  // Ctrl-C ends the sweep, not the process
        auto swept = capture_->sweep(on_subnet_, net::ArpSweepOptions{.rate = rate}, interrupted_);
        observations.insert(observations.end(), swept.begin(), swept.end());
        if (signals.caught() != 0) stop_reason_ = passive::StopSignals::reason(signals.caught());
    }
    const auto& stats = capture_->stats();
    report_.scan.options["arp_requests"] = std::to_string(stats.requests);
    report_.scan.options["arp_replies"] = std::to_string(stats.replies);
    if (stats.inject_errors > 0)
        report_.errors.push_back({capture_->interface().name, "arp", fmt::format("{} request(s) not sent", stats.inject_errors)});
    arp_complete_ = !interrupted_ && stats.inject_errors == 0 && stats.requests == on_subnet_.size() &&
                    scope_.size() <= max_arp_scope;
    capture_.reset();  // the sweep is over: its packet socket is closed, not kept for later
    swept_ = observations;
    return observations;
}

std::function<bool(const boost::asio::ip::address&)> Layer2Scan::arp_settled() const {
    if (!arp_subnet_ || !arp_complete_) return {};
    // The subnet's network and broadcast addresses and the scanner's own are settled too:
    // none is a host to discover, and a probe to the broadcast address is refused anyway.
    return [interface = *arp_subnet_](const boost::asio::ip::address& address) {
        const auto mask = interface.netmask.to_uint();
        return address.is_v4() && (address.to_v4().to_uint() & mask) == (interface.address.to_uint() & mask);
    };
}

void Layer2Scan::after_active(ActiveScanResult& result, const std::vector<const UdpProbe*>& udp_probes) {
    if (interrupted_) {
        result.complete = false;
        result.stop_reason = stop_reason_;
    }
    if (arp_subnet_)
        for (auto& o : net::neighbour_observations(on_subnet_)) result.observations.push_back(std::move(o));
    if (!args_.discover.empty() && result.complete) discover(result, udp_probes);
    // Hosts that answered ARP, or were heard, are up even when every port is closed or filtered.
    std::set<std::string> up;
    for (const auto& o : swept_) up.insert(o.ip);
    if (listener_) merge_heard(result, up);
    result.hosts_up = std::max<std::uint64_t>(result.hosts_up, up.size());
}

void Layer2Scan::discover(ActiveScanResult& result, const std::vector<const UdpProbe*>& udp_probes) {
    const auto interface = net::interface_named(args_.discover);
    if (!interface) {
        result.errors.push_back({args_.discover, "discover", "no such interface with an IPv4 address"});
        return;
    }
    const passive::StopSignals signals(interrupted_);  // the window ends, then the report is written
    auto found = multicast_discover(*interface, udp_probes, discover_window);
    for (auto& o : found.observations)
        if (scope_.contains(boost::asio::ip::make_address(o.ip))) result.observations.push_back(std::move(o));
    for (auto& e : found.errors) result.errors.push_back(std::move(e));
    report_.scan.options["discover_interface"] = interface->name;
    if (signals.caught() != 0) {
        result.complete = false;
        result.stop_reason = passive::StopSignals::reason(signals.caught());
    }
}

// Stops the capture; what in-scope hosts sent joins the scan's observations.
void Layer2Scan::merge_heard(ActiveScanResult& result, std::set<std::string>& up) {
    auto heard = listener_->stop();
    listener_.reset();  // the capture is over: its packet socket is closed
    std::set<std::string> known_macs;
    add_in_scope_macs(known_macs, scope_, result.observations);
    add_in_scope_macs(known_macs, scope_, swept_);
    const auto counts = keep_in_scope(heard.observations, scope_, std::move(known_macs), net::interface_named(args_.listen));
    heard.stats["out_of_scope"] = counts.out_of_scope;
    heard.stats["own_host"] = counts.own_host;
    passive::record_capture(heard, report_);
    for (auto& o : heard.observations) {
        if (!o.ip.empty()) up.insert(o.ip);
        result.observations.push_back(std::move(o));
    }
}

}  // namespace camaudit::app
