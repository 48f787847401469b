// A DNS message (RFC 1035, as mDNS / DNS-SD use it, RFC 6762/6763): header, questions and
// resource records with name compression; PTR, SRV, TXT, A and AAAA data decoded; a query
// builder; and mdns.* observations. Pure, no I/O, any bytes. Shared by the active mDNS probe
// (scanner/probes/mdns_probe.cpp) and the passive mDNS decoder.
#pragma once
#include <camaudit/observation.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::parse {

// Caps: bytes beyond max_dns_message_bytes are never read; a message claiming more records
// than the caps is malformed; a name is at most max_dns_name_bytes on the wire (RFC 1035)
// and may follow at most max_dns_pointer_hops compression pointers (loops end there).
inline constexpr std::size_t max_dns_message_bytes = 9000;  // RFC 6762 §17
inline constexpr std::size_t max_dns_questions = 64;
inline constexpr std::size_t max_dns_records = 256;  // answers + authority + additional
inline constexpr std::size_t max_dns_name_bytes = 255;
inline constexpr std::size_t max_dns_pointer_hops = 16;
inline constexpr std::size_t max_dns_txt_strings = 64;

namespace dns_type {
inline constexpr std::uint16_t a = 1, ptr = 12, txt = 16, aaaa = 28, srv = 33, any = 255;
}
inline constexpr std::uint16_t dns_class_in = 1;

// A name as its labels, in order, raw bytes as sent (a label may hold dots and spaces:
// "AXIS M5014 - ACCC8E3C0419"). The root name is an empty vector.
using DnsName = std::vector<std::string>;

// Labels joined with '.', made valid UTF-8 (labels are not escaped); "" for the root.
std::string dotted(const DnsName& name);
// A name from dotted text ("_axis-video._tcp.local"); empty labels are dropped.
DnsName dns_name(std::string_view dotted_text);

struct DnsQuestion {
    DnsName name;
    std::uint16_t type = dns_type::ptr;
    std::uint16_t klass = dns_class_in;  // without the QU bit
    bool unicast_response = false;       // mDNS QU bit (top bit of the class)
};

enum class DnsSection { answer, authority, additional };

// One resource record; the members after `ttl` are filled for their record type only.
struct DnsRecord {
    DnsSection section = DnsSection::answer;
    DnsName name;
    std::uint16_t type = 0;
    std::uint16_t klass = dns_class_in;  // without the cache-flush bit
    bool cache_flush = false;
    std::uint32_t ttl = 0;
    DnsName target;                  // PTR: the pointed-to name; SRV: the host
    std::uint16_t priority = 0, weight = 0, port = 0;  // SRV
    std::vector<std::string> texts;  // TXT: each character-string, raw bytes
    std::string address;             // A / AAAA: canonical text form
};

struct DnsMessage {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    std::vector<DnsQuestion> questions;
    std::vector<DnsRecord> records;  // answer, authority, additional, in wire order

    bool is_response() const { return (flags & 0x8000) != 0; }
};

enum class DnsParse { ok, malformed };

struct DnsResult {
    DnsParse outcome = DnsParse::malformed;
    DnsMessage message;
};

// Every count, length and pointer checked; a record whose RDATA does not fit its type
// (an A of 3 bytes) makes the message malformed. Records of other types are kept with only
// the common fields. Trailing bytes after the last record are ignored.
DnsResult parse_dns_message(std::string_view bytes);
inline DnsResult parse_dns_message(std::span<const std::byte> bytes) {
    return parse_dns_message(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// A query with the given id (0 for mDNS from port 5353), flags 0, and these questions,
// names uncompressed. Labels longer than 63 bytes are cut to 63.
std::string build_dns_query(std::uint16_t id, std::span<const DnsQuestion> questions);

inline constexpr std::string_view mdns_observation_keys[] = {
    "mdns.service_type", "mdns.instance", "mdns.host", "mdns.txt",
};

// What a response tells: mdns.service_type for each PTR answer of _services._dns-sd._udp
// (the type, e.g. "_axis-video._tcp.local"), mdns.instance for each other PTR whose target
// is "<instance>.<type>" (value: the instance label, e.g. "AXIS M5014 - ACCC8E3C0419"),
// mdns.host for each SRV target (dotted), mdns.txt for each non-empty TXT string.
// `base` supplies ip, port, proto, probe, context and time.
std::vector<Observation> mdns_observations(const DnsMessage& message, const Observation& base,
                                           std::size_t max_value_bytes);

}  // namespace camaudit::parse
