// `camaudit discover`: options and help, the send-and-listen loop over one socket per
// probe, and the report (mode "discover") through the same pipeline as scan.
#include <app/discover_command.hpp>
#include <app/policy_options.hpp>

#include <app/cli_style.hpp>
#include <app/least_privilege.hpp>
#include <app/provenance.hpp>

#include <app/pipeline.hpp>
#include <camaudit/error.hpp>
#include <net/arp_sweep.hpp>
#include <net/multicast_socket.hpp>
#include <net/sender_cap.hpp>
#include <probes/registry.hpp>
#include <report/report_writer.hpp>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>
#include <poll.h>
#include <random>
#include <set>

namespace camaudit::app {
namespace {

constexpr std::size_t max_datagram_bytes = 64 * 1024;
// A genuine device answers a probe once (a few times when multi-homed); past its own cap a
// sender's datagrams are counted and dropped, so one host cannot fill the probe's cap and
// silence the others (issue 14). The probe-wide caps only bound memory.
constexpr std::size_t max_senders_per_probe = 4096;
constexpr std::size_t max_answers_per_probe = 8192;

std::string new_message_id() {
    static std::mt19937_64 random{std::random_device{}()};
    const auto a = random(), b = random();
    return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                       0x8000 | (b >> 48 & 0x3fff), b & 0xffffffffffffull);
}

// The probe's multicast group, or nothing when it has none or it is not an IPv4 group.
std::optional<boost::asio::ip::address_v4> group_of(const UdpProbe& probe) {
    boost::system::error_code error;
    const auto group = boost::asio::ip::make_address_v4(probe.multicast_group, error);
    if (probe.multicast_group.empty() || error || !group.is_multicast()) return std::nullopt;
    return group;
}

struct Listener {
    const UdpProbe* probe;
    boost::asio::ip::address_v4 group;
    std::unique_ptr<net::MulticastSocket> socket;
    UdpExchange exchange;
    std::size_t answers = 0;
    std::map<boost::asio::ip::address_v4, std::size_t> per_sender;  // datagrams heard from each sender
};

// Whether the datagram from `sender` is within its caps; the excess is counted per sender.
bool within_caps(Listener& listener, const boost::asio::ip::address_v4& sender, DiscoveryResult& result) {
    auto found = listener.per_sender.find(sender);
    if (found == listener.per_sender.end()) {
        if (listener.per_sender.size() >= max_senders_per_probe) {
            ++result.over_cap;
            return false;
        }
        found = listener.per_sender.emplace(sender, 0).first;
    }
    if (++found->second > net::datagrams_per_sender || listener.answers >= max_answers_per_probe) {
        ++result.over_cap;
        return false;
    }
    return true;
}

// One error per sender that went past its cap, naming it and what was dropped.
void record_over_cap(const std::vector<Listener>& listeners, DiscoveryResult& result) {
    for (const auto& listener : listeners)
        for (const auto& [sender, heard] : listener.per_sender)
            if (heard > net::datagrams_per_sender)
                result.errors.push_back({fmt::format("{}:{}", sender.to_string(), listener.probe->port),
                                         std::string(listener.probe->name),
                                         net::over_sender_cap(heard)});
}

Observation stamped(Observation o, const Listener& listener, const std::string& ip) {
    const UdpProbe& probe = *listener.probe;
    o.ip = ip;
    o.port = probe.port;
    o.proto = "udp";
    o.probe = std::string(probe.name);
    o.context = fmt::format("multicast {} probe to {}:{}", probe.name, listener.group.to_string(), probe.port);
    o.time = Clock::now();
    return o;
}

void interpret(Listener& listener, const net::Datagram& datagram, DiscoveryResult& result) {
    // The answering address is not known in advance: the exchange is checked with it filled in.
    UdpExchange exchange = listener.exchange;
    exchange.ip = datagram.from.to_string();
    auto answer = listener.probe->interpret(datagram.bytes, exchange);
    for (auto& e : answer.errors) result.errors.push_back(std::move(e));
    if (answer.observations.empty()) return;
    ++listener.answers;
    ++result.answers;
    for (auto& o : answer.observations) result.observations.push_back(stamped(std::move(o), listener, exchange.ip));
    Observation open = stamped({}, listener, exchange.ip);
    open.key = "udp.port.open";
    open.value = answer.service.empty() ? std::string(listener.probe->name) : answer.service;
    result.observations.push_back(std::move(open));
}

void listen(std::vector<Listener>& listeners, const net::InterfaceInfo& interface,
            std::chrono::steady_clock::time_point deadline, DiscoveryResult& result) {
    std::vector<pollfd> descriptors;
    for (const auto& l : listeners) descriptors.push_back({l.socket->descriptor(), POLLIN, 0});
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        if (poll(descriptors.data(), descriptors.size(), static_cast<int>(left.count())) <= 0) continue;
        for (std::size_t i = 0; i < listeners.size(); ++i) {
            while (auto datagram = listeners[i].socket->receive(max_datagram_bytes)) {
                if (!interface.on_subnet(datagram->from)) {
                    ++result.off_subnet;  // not on this segment: never stored or followed
                    continue;
                }
                if (within_caps(listeners[i], datagram->from, result)) interpret(listeners[i], *datagram, result);
            }
        }
    }
}

void add_neighbour_macs(DiscoveryResult& result) {
    std::set<std::string> seen;
    std::vector<boost::asio::ip::address_v4> answered;
    for (const auto& o : result.observations)
        if (seen.insert(o.ip).second) answered.push_back(boost::asio::ip::make_address_v4(o.ip));
    for (auto& o : net::neighbour_observations(answered)) result.observations.push_back(std::move(o));
}

}  // namespace

DiscoveryResult multicast_discover(const net::InterfaceInfo& interface, const std::vector<const UdpProbe*>& probes,
                                   std::chrono::milliseconds duration) {
    DiscoveryResult result;
    std::vector<Listener> listeners;
    for (const auto* probe : probes) {
        const auto group = group_of(*probe);
        if (!group) continue;
        Listener listener{probe, *group, std::make_unique<net::MulticastSocket>(interface), {group->to_string(), new_message_id()}, 0, {}};
        const std::string request = probe->request(listener.exchange);
        if (listener.socket->send_to(*group, probe->port, request)) ++result.datagrams_sent;
        else result.errors.push_back({fmt::format("{}:{}", group->to_string(), probe->port), std::string(probe->name),
                                      fmt::format("send on {}: {}", interface.name, std::strerror(errno))});
        listeners.push_back(std::move(listener));
    }
    listen(listeners, interface, std::chrono::steady_clock::now() + duration, result);
    record_over_cap(listeners, result);
    add_neighbour_macs(result);
    return result;
}

std::chrono::milliseconds parse_duration(const std::string& text) {
    const auto value = duration_value(text, "s");
    if (!value || value->count() <= 0 || *value > std::chrono::hours(1))
        throw UsageError(fmt::format("bad --duration '{}'", text), "write e.g. 5s, 500ms or 2m (at most 1 hour)");
    return *value;
}

CLI::App* add_discover_command(CLI::App& app, DiscoverArgs& args) {
    auto* discover = app.add_subcommand("discover", "Ask the cameras on one network segment to announce themselves (multicast)");
    long_description(*discover, 
        "Send the multicast discovery probes once on INTERFACE only: WS-Discovery (ONVIF)\n"
        "to 239.255.255.250:3702, Hikvision SADP to :37020, Dahua DHIP to\n"
        "239.255.255.251:37810, UPnP SSDP to 239.255.255.250:1900, and an mDNS / DNS-SD query for camera service types to 224.0.0.251:5353\n"
        "(legacy unicast: sent from an ephemeral port, so answers come back by unicast).\n"
        "Each UDP probe names its own group; the SNMP probes have none. Listen for\n"
        "--duration, accept answers from any address of INTERFACE's own IPv4 subnet\n"
        "(others are counted and dropped), add the MACs the kernel's neighbour table holds\n"
        "for the hosts that answered, then name each device and write a camaudit.report/1\n"
        "report with mode \"discover\".\n"
        "Needs no privilege: started as root it becomes --user before the first probe.\n"
        "Probes leave with TTL 1 and never by another interface.");
    discover->add_option("--interface,-i", args.interface, "Interface to discover on (it must have an IPv4 address)")
        ->required()->type_name("IF");
    discover->add_option("--duration,-d", args.duration, "How long to listen after sending: 5s, 500ms, 2m")
        ->capture_default_str();
    discover->add_option("--out,-o", args.out, "Report file, or '-' for standard output")->capture_default_str();
    discover->add_option("--format,-f", args.format, "Format of --out: json, ndjson, csv, html or text")->capture_default_str();
    discover->add_option("--probes", args.probes, "UDP probes to send: all, or a list such as wsd,sadp")->capture_default_str();
    add_policy_options(*discover, args.profile, args.policies, args.fail_on);
    discover->add_option("--fingerprints", args.fingerprints, "Data folder with signatures and regulations");
    discover->add_option("--user", args.user,
                         "As root: the account to become before sending (default: the account that ran sudo, else "
                         "nobody; 'root' keeps root)")
        ->type_name("NAME");
    discover->add_flag("--quiet,-q", args.quiet, "No summary on standard error");
    discover->footer(
        "EXAMPLES\n"
        "  camaudit discover --interface eth0\n"
        "  camaudit discover -i eth0.20 --duration 10s --out - | jq '.devices[].vendor'\n"
        "  camaudit discover -i eth0 --probes wsd --format text --out -\n"
        "  camaudit discover -i eth0 --probes mdns --duration 2s --out mdns.json\n\n" +
        exit_status_block(audit_exit_statuses()) +
        "\nSee docs/layer2.md for discovery, the ARP sweep and privileges.");
    return discover;
}

int run_discover(const DiscoverArgs& args, const Invocation& invocation) {
    const auto duration = parse_duration(args.duration);
    const auto interface = net::interface_named(args.interface);
    if (!interface)
        throw UsageError(fmt::format("no interface '{}' with an IPv4 address", args.interface),
                         "list them with 'ip -brief address'");
    report::find_format(args.format);
    if (args.out != "-") report::check_writable(args.out);
    const net::PrivilegeOptions privileges{args.user};
    check_reports_writable(privileges, {args.out});
    const LoadedData data = load_data(args.fingerprints, args.policies, {}, args.profile);
    if (const auto note = default_profile_note(data); !note.empty() && !args.quiet) fmt::print(stderr, "{}\n", note);
    const auto selected = probes::select_probes(args.probes);

    Report report = start_report("discover", {interface->subnet_text()}, {}, data, Shard{});
    report.scan.options = {{"interface", interface->name}, {"duration_ms", std::to_string(duration.count())},
                           {"probes", args.probes}};
    // The probes go out from the interface's own address: the route to it names it.
    report.provenance = make_provenance(invocation, {{}, {interface->name}, {interface->address}}, data);
    drop_privileges_now(privileges, report);  // multicast sockets on unprivileged ports need nothing
    auto found = multicast_discover(*interface, selected.udp, duration);
    report.scan.options["datagrams_sent"] = std::to_string(found.datagrams_sent);
    report.scan.options["off_subnet_dropped"] = std::to_string(found.off_subnet);
    report.scan.options["over_cap_dropped"] = std::to_string(found.over_cap);
    ActiveScanResult result;
    std::set<std::string> hosts;
    for (const auto& o : found.observations) hosts.insert(o.ip);
    result.hosts_up = result.hosts_probed = hosts.size();
    result.observations = std::move(found.observations);
    result.errors = std::move(found.errors);
    finish_report(report, std::move(result), data);
    emit_report(report, args.out, args.format);
    if (!args.quiet) {
        fmt::print(stderr, "{}", report::terminal_summary(report));
        if (args.out != "-") fmt::print(stderr, "camaudit: report written to {}\n", args.out);
    }
    return exit_code_for(report, fail_on(args.fail_on));
}

}  // namespace camaudit::app
