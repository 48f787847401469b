// The mDNS UDP probe. Service types: the DNS-SD enumeration plus every camera type of
// research/protocols.md §8.3. A UdpProbe sends one datagram per target, so there is no
// follow-up query: the types are all asked at once, and responders put each instance's
// SRV, TXT and A records in the answer's Additional section (RFC 6763 §12.1), which gives
// the TXT keys without a second round trip. A type seen only in the enumeration still
// yields mdns.service_type.
#include <probes/mdns_probe.hpp>

#include <parse/dns_message.hpp>

#include <functional>

namespace camaudit::probes {
namespace {

constexpr std::string_view emits[] = {"mdns.service_type", "mdns.instance", "mdns.host", "mdns.txt"};
constexpr std::string_view service_types[] = {
    "_services._dns-sd._udp.local", "_axis-video._tcp.local", "_CGI._tcp.local",  "_axis-nvr._tcp.local",
    "_psia._tcp.local",             "_arec._tcp.local",       "_hap._tcp.local",  "_rtsp._tcp.local",
    "_http._tcp.local",             "_https._tcp.local",
};
// The mDNS group (RFC 6762 §3); `discover` sends the same legacy-unicast query there.
constexpr std::string_view mdns_group = "224.0.0.251";
constexpr std::size_t max_value_bytes = 512;

std::string mdns_request(const UdpExchange& exchange) {
    std::vector<parse::DnsQuestion> questions;
    for (const auto type : service_types)
        questions.push_back({parse::dns_name(type), parse::dns_type::ptr, parse::dns_class_in, false});
    return parse::build_dns_query(mdns_query_id(exchange), questions);
}

}  // namespace

std::uint16_t mdns_query_id(const UdpExchange& exchange) {
    // Never 0: id 0 is what full mDNS queriers send, and the answer must echo ours.
    return static_cast<std::uint16_t>(std::hash<std::string>{}(exchange.message_id) % 0xffff + 1);
}

ProbeResult mdns_interpret(std::string_view datagram, const UdpExchange& exchange) {
    ProbeResult result;
    const std::string where = exchange.ip + ":5353";
    if (datagram.size() < 12) return result;
    const auto parsed = parse::parse_dns_message(datagram);
    if (parsed.outcome != parse::DnsParse::ok) {
        result.errors.push_back({where, "mdns", "malformed DNS answer ignored"});
        return result;
    }
    if (!parsed.message.is_response()) return result;
    if (parsed.message.id != mdns_query_id(exchange)) {
        result.errors.push_back({where, "mdns", "mDNS answer ignored: id is not ours"});
        return result;
    }
    Observation base;
    base.context = "mDNS PTR query (legacy unicast)";  // discover replaces it with the group it used
    result.observations = parse::mdns_observations(parsed.message, base, max_value_bytes);
    result.service = "mdns";
    return result;
}

const UdpProbe mdns_probe{
    "mdns",
    "mDNS / DNS-SD query to UDP 5353 (unicast, and 224.0.0.251 by discover): service types, instances, hosts, TXT",
    emits,
    5353,
    &mdns_request,
    &mdns_interpret,
    mdns_group,
};

}  // namespace camaudit::probes
