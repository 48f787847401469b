// The decoder reads the fixed SNMP shape (message, PDU, varbind list, varbind) straight down
// with one bounded TLV reader, so nesting never exceeds that shape (max_ber_depth holds by
// construction) and a lying length fails at the element that claims it.
#include <parse/snmp_ber.hpp>
#include <parse/text.hpp>

#include <charconv>
#include <fmt/format.h>

namespace camaudit::parse {
namespace {

constexpr std::uint8_t tag_integer = 0x02, tag_octet_string = 0x04, tag_null = 0x05, tag_oid = 0x06,
                       tag_sequence = 0x30, tag_get_request = 0xa0;

struct Tlv {
    std::uint8_t tag = 0;
    std::string_view body;
};

// Reads TLVs from the front of `rest`; nullopt (and `rest` unchanged) when the next one does
// not fit or uses a form SNMP never needs (high tag numbers, indefinite length).
std::optional<Tlv> next_tlv(std::string_view& rest) {
    if (rest.size() < 2) return std::nullopt;
    const auto tag = static_cast<std::uint8_t>(rest[0]);
    if ((tag & 0x1f) == 0x1f) return std::nullopt;
    std::size_t at = 1;
    std::size_t length = static_cast<std::uint8_t>(rest[at++]);
    if (length & 0x80) {
        const std::size_t octets = length & 0x7f;
        if (octets == 0 || octets > max_ber_length_octets || rest.size() < at + octets) return std::nullopt;
        length = 0;
        for (std::size_t i = 0; i < octets; ++i) length = length << 8 | static_cast<std::uint8_t>(rest[at++]);
    }
    if (length > rest.size() - at) return std::nullopt;
    Tlv tlv{tag, rest.substr(at, length)};
    rest.remove_prefix(at + length);
    return tlv;
}

std::optional<std::int64_t> decode_integer(std::string_view body) {
    if (body.empty() || body.size() > 8) return std::nullopt;
    std::int64_t value = static_cast<std::int8_t>(body[0]);
    for (std::size_t i = 1; i < body.size(); ++i) value = value * 256 + static_cast<std::uint8_t>(body[i]);
    return value;
}

std::optional<std::int64_t> read_integer(std::string_view& rest) {
    const auto tlv = next_tlv(rest);
    if (!tlv || tlv->tag != tag_integer) return std::nullopt;
    return decode_integer(tlv->body);
}

std::optional<SnmpVarbind> read_varbind(std::string_view body) {
    const auto name = next_tlv(body);
    const auto value = next_tlv(body);
    if (!name || !value || name->tag != tag_oid) return std::nullopt;
    SnmpVarbind out;
    const auto oid = decode_oid(name->body);
    if (!oid) return std::nullopt;
    out.oid = *oid;
    switch (value->tag) {
    case tag_octet_string: out.kind = SnmpValueKind::octet_string; out.value = std::string(value->body); break;
    case tag_oid: {
        const auto text = decode_oid(value->body);
        if (!text) return std::nullopt;
        out.kind = SnmpValueKind::oid;
        out.value = *text;
        break;
    }
    case tag_integer: {
        const auto number = decode_integer(value->body);
        if (!number) return std::nullopt;
        out.kind = SnmpValueKind::integer;
        out.value = std::to_string(*number);
        break;
    }
    case tag_null: out.kind = SnmpValueKind::null; break;
    case 0x80: out.kind = SnmpValueKind::no_such_object; break;
    case 0x81: out.kind = SnmpValueKind::no_such_instance; break;
    case 0x82: out.kind = SnmpValueKind::end_of_mib_view; break;
    default: out.kind = SnmpValueKind::other; break;
    }
    return out;
}

bool read_pdu(std::string_view body, SnmpMessage& message) {
    const auto request_id = read_integer(body);
    const auto error_status = read_integer(body);
    const auto error_index = read_integer(body);
    const auto list = next_tlv(body);
    if (!request_id || !error_status || !error_index || !list || list->tag != tag_sequence) return false;
    message.request_id = *request_id;
    message.error_status = *error_status;
    message.error_index = *error_index;
    std::string_view items = list->body;
    while (!items.empty()) {
        const auto item = next_tlv(items);
        if (!item || item->tag != tag_sequence || message.varbinds.size() >= max_snmp_varbinds) return false;
        auto varbind = read_varbind(item->body);
        if (!varbind) return false;
        message.varbinds.push_back(std::move(*varbind));
    }
    return true;
}

void append_length(std::string& out, std::size_t length) {
    if (length < 0x80) {
        out += static_cast<char>(length);
        return;
    }
    std::string octets;
    for (; length > 0; length >>= 8) octets.insert(octets.begin(), static_cast<char>(length & 0xff));
    out += static_cast<char>(0x80 | octets.size());
    out += octets;
}

std::string tlv(std::uint8_t tag, std::string_view body) {
    std::string out(1, static_cast<char>(tag));
    append_length(out, body.size());
    out += body;
    return out;
}

std::string integer(std::int64_t value) {
    std::string body;
    do {
        body.insert(body.begin(), static_cast<char>(value & 0xff));
        value >>= 8;
    } while (!((value == 0 && !(body.front() & 0x80)) || (value == -1 && (body.front() & 0x80))));
    return tlv(tag_integer, body);
}

void append_base128(std::string& out, std::uint64_t arc) {
    std::string octets(1, static_cast<char>(arc & 0x7f));
    for (arc >>= 7; arc > 0; arc >>= 7) octets.insert(octets.begin(), static_cast<char>(0x80 | (arc & 0x7f)));
    out += octets;
}

}  // namespace

std::optional<std::string> decode_oid(std::string_view body) {
    if (body.empty()) return std::nullopt;
    std::string out;
    std::uint64_t arc = 0;
    std::size_t arcs = 0, octets = 0;
    for (const char c : body) {
        const auto byte = static_cast<std::uint8_t>(c);
        if (octets == 0 && byte == 0x80) return std::nullopt;  // non-minimal encoding
        if (++octets > 9) return std::nullopt;                 // arc beyond 63 bits
        arc = arc << 7 | (byte & 0x7f);
        if (byte & 0x80) continue;
        if (++arcs > max_oid_arcs) return std::nullopt;
        if (out.empty()) {
            const std::uint64_t first = arc < 80 ? arc / 40 : 2;
            out = std::to_string(first) + "." + std::to_string(arc - first * 40);
        } else {
            out += "." + std::to_string(arc);
        }
        arc = 0;
        octets = 0;
    }
    if (octets != 0) return std::nullopt;  // last arc unfinished
    return out;
}

std::optional<std::string> encode_oid(std::string_view dotted) {
    std::vector<std::uint64_t> arcs;
    std::size_t start = 0;
    while (start <= dotted.size() && arcs.size() <= max_oid_arcs) {
        const auto dot = std::min(dotted.find('.', start), dotted.size());
        std::uint64_t arc = 0;
        const auto [end, ec] = std::from_chars(dotted.data() + start, dotted.data() + dot, arc);
        if (ec != std::errc{} || end != dotted.data() + dot || dot == start) return std::nullopt;
        arcs.push_back(arc);
        start = dot + 1;
    }
    if (arcs.size() < 2 || arcs.size() > max_oid_arcs || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) ||
        arcs[1] > (std::uint64_t{1} << 62))
        return std::nullopt;
    std::string body;
    append_base128(body, arcs[0] * 40 + arcs[1]);
    for (std::size_t i = 2; i < arcs.size(); ++i) append_base128(body, arcs[i]);
    return body;
}

SnmpResult parse_snmp_message(std::string_view bytes) {
    SnmpResult result;
    if (bytes.size() > max_snmp_message_bytes) return result;
    auto outer = next_tlv(bytes);
    if (!outer || outer->tag != tag_sequence) {
        result.outcome = bytes.empty() || static_cast<std::uint8_t>(bytes[0]) != tag_sequence
                             ? SnmpParse::wrong_protocol : SnmpParse::malformed;
        return result;
    }
    std::string_view body = outer->body;
    const auto version = read_integer(body);
    if (!version || (*version != 0 && *version != 1)) {
        result.outcome = SnmpParse::wrong_protocol;
        return result;
    }
    result.message.version = static_cast<int>(*version);
    const auto community = next_tlv(body);
    const auto pdu = next_tlv(body);
    if (!community || community->tag != tag_octet_string || !pdu || (pdu->tag & 0xe0) != 0xa0) return result;
    result.message.community = std::string(community->body);
    result.message.pdu_tag = pdu->tag;
    if (!read_pdu(pdu->body, result.message)) return result;
    result.outcome = SnmpParse::ok;
    return result;
}

std::string snmp_get_request(std::string_view community, std::int32_t request_id,
                             std::span<const std::string_view> oids) {
    std::string varbinds;
    for (const auto oid : oids)
        if (const auto body = encode_oid(oid)) varbinds += tlv(tag_sequence, tlv(tag_oid, *body) + tlv(tag_null, {}));
    const std::string pdu = integer(request_id) + integer(0) + integer(0) + tlv(tag_sequence, varbinds);
    return tlv(tag_sequence, integer(1) + tlv(tag_octet_string, community) + tlv(tag_get_request, pdu));
}

std::vector<Observation> snmp_observations(const SnmpMessage& message, const Observation& base,
                                           std::size_t max_value_bytes) {
    constexpr std::pair<std::string_view, std::string_view> oid_keys[] = {
        {oid_sys_descr, "snmp.sys_descr"}, {oid_sys_object_id, "snmp.sys_object_id"}, {oid_sys_name, "snmp.sys_name"}};
    std::vector<Observation> out;
    for (const auto& varbind : message.varbinds) {
        if (varbind.kind != SnmpValueKind::octet_string && varbind.kind != SnmpValueKind::oid) continue;
        for (const auto& [oid, key] : oid_keys) {
            const std::string_view value = trim(varbind.value);
            if (varbind.oid != oid || value.empty()) continue;
            Observation o = base;
            o.key = std::string(key);
            o.value = to_valid_utf8(value, max_value_bytes);
            out.push_back(std::move(o));
        }
    }
    return out;
}

namespace {

constexpr std::uint8_t tag_scoped_pdu_encrypted = tag_octet_string;

// RFC 3414 UsmSecurityParameters, the OCTET STRING's content: only the engine is kept.
bool read_usm(std::string_view parameters, SnmpV3Message& message) {
    auto usm = next_tlv(parameters);
    if (!usm || usm->tag != tag_sequence) return false;
    std::string_view body = usm->body;
    const auto engine_id = next_tlv(body);
    const auto boots = read_integer(body);
    const auto time = read_integer(body);
    if (!engine_id || engine_id->tag != tag_octet_string || engine_id->body.size() > max_snmp_engine_id_bytes || !boots || !time)
        return false;
    message.engine_id = std::string(engine_id->body);
    message.engine_boots = *boots;
    message.engine_time = *time;
    return true;
}

// ScopedPDU ::= SEQUENCE { contextEngineID, contextName, PDU }: the PDU's tag and request-id.
bool read_scoped_pdu(std::string_view& rest, SnmpV3Message& message) {
    const auto scoped = next_tlv(rest);
    if (!scoped || scoped->tag != tag_sequence) return false;
    std::string_view body = scoped->body;
    const auto context_engine = next_tlv(body), context_name = next_tlv(body), pdu = next_tlv(body);
    if (!context_engine || !context_name || !pdu || (pdu->tag & 0xe0) != 0xa0) return false;
    std::string_view fields = pdu->body;
    const auto request_id = read_integer(fields);
    if (!request_id) return false;
    message.pdu_tag = pdu->tag;
    message.request_id = *request_id;
    return true;
}

}  // namespace

SnmpV3Result parse_snmp_v3_message(std::string_view bytes) {
    SnmpV3Result result;
    if (bytes.size() > max_snmp_message_bytes) return result;
    const bool starts_as_sequence = !bytes.empty() && static_cast<std::uint8_t>(bytes[0]) == tag_sequence;
    auto outer = next_tlv(bytes);
    if (!outer || outer->tag != tag_sequence) {
        if (!starts_as_sequence) result.outcome = SnmpParse::wrong_protocol;
        return result;
    }
    std::string_view body = outer->body;
    const auto version = read_integer(body);
    if (!version || *version != 3) {  // v1/v2c answers belong to parse_snmp_message
        result.outcome = SnmpParse::wrong_protocol;
        return result;
    }
    const auto global = next_tlv(body);
    const auto security = next_tlv(body);
    if (!global || global->tag != tag_sequence || !security || security->tag != tag_octet_string) return result;
    std::string_view header = global->body;
    const auto msg_id = read_integer(header);
    if (!msg_id || !read_usm(security->body, result.message)) return result;
    result.message.msg_id = *msg_id;
    if (!body.empty() && static_cast<std::uint8_t>(body[0]) == tag_scoped_pdu_encrypted) return result;
    if (!read_scoped_pdu(body, result.message)) return result;
    result.outcome = SnmpParse::ok;
    return result;
}

std::string snmp_v3_discovery_request(std::int32_t msg_id, std::int32_t request_id) {
    constexpr std::int64_t max_size = 65507, usm_security_model = 3;
    const std::string reportable(1, '\x04');
    const std::string global = tlv(tag_sequence, integer(msg_id) + integer(max_size) + tlv(tag_octet_string, reportable) +
                                                     integer(usm_security_model));
    const std::string usm = tlv(tag_sequence, tlv(tag_octet_string, {}) + integer(0) + integer(0) +
                                                  tlv(tag_octet_string, {}) + tlv(tag_octet_string, {}) +
                                                  tlv(tag_octet_string, {}));
    const std::string pdu = tlv(tag_get_request, integer(request_id) + integer(0) + integer(0) + tlv(tag_sequence, {}));
    const std::string scoped = tlv(tag_sequence, tlv(tag_octet_string, {}) + tlv(tag_octet_string, {}) + pdu);
    return tlv(tag_sequence, integer(3) + global + tlv(tag_octet_string, usm) + scoped);
}

std::vector<Observation> snmp_engine_observations(std::string_view engine_id, const Observation& base) {
    std::vector<Observation> out;
    if (engine_id.empty() || engine_id.size() > max_snmp_engine_id_bytes) return out;
    auto add = [&](std::string_view key, std::string value) {
        Observation o = base;
        o.key = std::string(key);
        o.value = std::move(value);
        out.push_back(std::move(o));
    };
    std::string hex;
    for (const char c : engine_id) hex += fmt::format("{:02x}", static_cast<std::uint8_t>(c));
    add("snmp.engine_id", std::move(hex));
    const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<std::uint8_t>(engine_id[i])); };
    if (engine_id.size() >= 5 && (byte(0) & 0x80))  // RFC 3411: 0x80000000 | enterprise, then a format
        add("snmp.engine_enterprise", std::to_string((byte(0) & 0x7f) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3)));
    return out;
}

}  // namespace camaudit::parse
