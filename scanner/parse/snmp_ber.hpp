// A small BER codec for SNMP v1/v2c (RFC 1157, RFC 3416): the GetRequest the probe sends and
// the GetResponse it reads, as snmp.* observations; and the SNMPv3 engine-discovery request
// and the Report that names the agent's engine. Pure, no I/O, any bytes.
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

// Caps: a message beyond max_snmp_message_bytes is refused; a length field of more than
// max_ber_length_octets octets, nesting deeper than max_ber_depth, more varbinds than
// max_snmp_varbinds or an OID of more than max_oid_arcs arcs is malformed.
inline constexpr std::size_t max_snmp_message_bytes = 64 * 1024;
inline constexpr std::size_t max_ber_length_octets = 4;
inline constexpr std::size_t max_ber_depth = 8;
inline constexpr std::size_t max_snmp_varbinds = 32;
inline constexpr std::size_t max_oid_arcs = 64;

inline constexpr std::string_view oid_sys_descr = "1.3.6.1.2.1.1.1.0";
inline constexpr std::string_view oid_sys_object_id = "1.3.6.1.2.1.1.2.0";
inline constexpr std::string_view oid_sys_name = "1.3.6.1.2.1.1.5.0";

enum class SnmpValueKind { octet_string, oid, integer, null, no_such_object, no_such_instance, end_of_mib_view, other };

struct SnmpVarbind {
    std::string oid;  // dotted
    SnmpValueKind kind = SnmpValueKind::null;
    std::string value;  // OCTET STRING bytes as sent, an OID dotted, an INTEGER in decimal
};

struct SnmpMessage {
    int version = 0;  // 0 = v1, 1 = v2c
    std::string community;
    std::uint8_t pdu_tag = 0;  // 0xa0 GetRequest, 0xa2 GetResponse, ...
    std::int64_t request_id = 0;
    std::int64_t error_status = 0;
    std::int64_t error_index = 0;
    std::vector<SnmpVarbind> varbinds;
};

enum class SnmpParse { ok, wrong_protocol, malformed };

struct SnmpResult {
    SnmpParse outcome = SnmpParse::malformed;
    SnmpMessage message;
};

// Every length checked against what is left of its enclosing element; indefinite and
// over-long lengths are malformed; a datagram not starting with a SEQUENCE holding an
// INTEGER version 0 or 1 is wrong_protocol. Bytes after the message are ignored.
SnmpResult parse_snmp_message(std::string_view bytes);

// A v2c (version 1) GetRequest with `community` and `request_id` for `oids` (dotted; an OID
// that does not parse is skipped), each with a NULL value.
std::string snmp_get_request(std::string_view community, std::int32_t request_id,
                             std::span<const std::string_view> oids);

// Dotted text of a BER OID body, nullopt when malformed; and the reverse (nullopt when the
// text is not at least two numeric arcs with a first arc of 0..2).
std::optional<std::string> decode_oid(std::string_view body);
std::optional<std::string> encode_oid(std::string_view dotted);

inline constexpr std::string_view snmp_observation_keys[] = {
    "snmp.sys_descr", "snmp.sys_object_id", "snmp.sys_name",
};

// sysDescr, sysObjectID and sysName varbinds with a value (exceptions skipped) as observations.
std::vector<Observation> snmp_observations(const SnmpMessage& message, const Observation& base,
                                           std::size_t max_value_bytes);

// --- SNMPv3 engine discovery (RFC 3412 message, RFC 3414 USM; research/protocols.md §9.2) ---

inline constexpr std::size_t max_snmp_engine_id_bytes = 32;  // RFC 3411: 5..32 octets

// What an agent's answer to an unauthenticated v3 request tells: its authoritative engine
// (from the USM security parameters) and the PDU it sent (0xa8 Report).
struct SnmpV3Message {
    std::int64_t msg_id = 0;
    std::string engine_id;  // raw bytes
    std::int64_t engine_boots = 0;
    std::int64_t engine_time = 0;
    std::uint8_t pdu_tag = 0;
    std::int64_t request_id = 0;
};

struct SnmpV3Result {
    SnmpParse outcome = SnmpParse::malformed;
    SnmpV3Message message;
};

// A v3 message with USM security (model 3) and a plaintext scoped PDU; a v1/v2c message or
// non-SNMP bytes are wrong_protocol; an encrypted scoped PDU, an engine ID over the cap or a
// lying length malformed.
SnmpV3Result parse_snmp_v3_message(std::string_view bytes);

// The engine-discovery request: version 3, `msg_id`, flags reportable (no auth, no priv),
// USM with every parameter empty, and an empty GetRequest with `request_id` (RFC 3414 §4).
std::string snmp_v3_discovery_request(std::int32_t msg_id, std::int32_t request_id);

inline constexpr std::string_view snmp_engine_observation_keys[] = {"snmp.engine_id", "snmp.engine_enterprise"};

// snmp.engine_id (lower-case hex of the whole ID) and, for an RFC 3411 ID (first bit set),
// snmp.engine_enterprise (the IANA enterprise number in its first four octets, decimal).
std::vector<Observation> snmp_engine_observations(std::string_view engine_id, const Observation& base);

}  // namespace camaudit::parse
