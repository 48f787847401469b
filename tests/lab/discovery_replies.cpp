// Byte builders for the lab's SSDP, SNMP and mDNS answers. Requests are read only as far as
// needed to answer (SNMP: community, request-id and OIDs; DNS: id and uncompressed questions).
#include <lab/discovery_replies.hpp>
#include <lab/responses.hpp>

#include <boost/asio/ip/address.hpp>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace camaudit::lab {
namespace {

using nlohmann::ordered_json;

const ordered_json* block(const Profile& profile, const char* name) {
    const auto it = profile.data.find(name);
    return it != profile.data.end() && it->is_object() ? &*it : nullptr;
}

std::string text(const ordered_json& object, const char* key, std::string fallback = {}) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string replaced(std::string value, std::string_view from, std::string_view to) {
    for (auto at = value.find(from); at != std::string::npos; at = value.find(from, at + to.size()))
        value.replace(at, from.size(), to);
    return value;
}

std::string xml_escaped(std::string_view value) {
    std::string out;
    for (const char c : value) out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    return out;
}

// --- BER (SNMP) ---

std::string ber_length(std::size_t length) {
    if (length < 0x80) return std::string(1, static_cast<char>(length));
    std::string octets;
    for (; length > 0; length >>= 8) octets.insert(octets.begin(), static_cast<char>(length & 0xff));
    return static_cast<char>(0x80 | octets.size()) + octets;
}

std::string ber(std::uint8_t tag, std::string_view body) {
    return static_cast<char>(tag) + ber_length(body.size()) + std::string(body);
}

struct BerItem {
    std::uint8_t tag = 0;
    std::string_view body;
    std::string_view whole;
};

std::optional<BerItem> ber_next(std::string_view& rest) {
    if (rest.size() < 2) return std::nullopt;
    std::size_t at = 2, length = static_cast<std::uint8_t>(rest[1]);
    if (length & 0x80) {
        const std::size_t octets = length & 0x7f;
        if (octets == 0 || octets > 3 || rest.size() < 2 + octets) return std::nullopt;
        length = 0;
        for (std::size_t i = 0; i < octets; ++i) length = length << 8 | static_cast<std::uint8_t>(rest[at++]);
    }
    if (rest.size() - at < length) return std::nullopt;
    BerItem item{static_cast<std::uint8_t>(rest[0]), rest.substr(at, length), rest.substr(0, at + length)};
    rest.remove_prefix(at + length);
    return item;
}

std::string oid_body(std::string_view dotted) {
    std::vector<std::uint64_t> arcs;
    std::uint64_t arc = 0;
    for (const char c : std::string(dotted) + ".") {
        if (c == '.') arcs.push_back(arc), arc = 0;
        else arc = arc * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (!dotted.empty() && dotted.front() == '.') arcs.erase(arcs.begin());
    std::string out;
    for (std::size_t i = 1; i < arcs.size(); ++i) {
        const std::uint64_t value = i == 1 ? arcs[0] * 40 + arcs[1] : arcs[i];
        std::string octets(1, static_cast<char>(value & 0x7f));
        for (auto v = value >> 7; v > 0; v >>= 7) octets.insert(octets.begin(), static_cast<char>(0x80 | (v & 0x7f)));
        out += octets;
    }
    return out;
}

// The answer value (a whole TLV) for one requested OID body.
std::string snmp_value(const ordered_json& snmp, std::string_view oid) {
    if (oid == oid_body("1.3.6.1.2.1.1.1.0") && snmp.contains("sys_descr")) return ber(0x04, text(snmp, "sys_descr"));
    if (oid == oid_body("1.3.6.1.2.1.1.2.0") && snmp.contains("sys_object_id"))
        return ber(0x06, oid_body(text(snmp, "sys_object_id")));
    if (oid == oid_body("1.3.6.1.2.1.1.5.0") && snmp.contains("sys_name")) return ber(0x04, text(snmp, "sys_name"));
    return std::string("\x80\x00", 2);  // noSuchObject
}

// --- SNMPv3 engine discovery (RFC 3412/3414) ---

std::string be32(std::uint32_t value) {
    return {static_cast<char>(value >> 24), static_cast<char>(value >> 16 & 0xff), static_cast<char>(value >> 8 & 0xff),
            static_cast<char>(value & 0xff)};
}

// snmp.engine_id (hex) when given; otherwise an RFC 3411 ID as net-snmp-style agents build it:
// 0x80000000 | the enterprise of sys_object_id (8072, net-snmp, without one), format 3 and
// the profile's MAC (format 4 and the profile id without a MAC).
std::string engine_id(const Profile& profile, const ordered_json& snmp) {
    if (snmp.contains("engine_id")) return decode_hex(text(snmp, "engine_id")).value_or("");
    std::uint32_t enterprise = 8072;
    const std::string object_id = text(snmp, "sys_object_id");
    if (const auto at = object_id.find("1.3.6.1.4.1."); at != std::string::npos)
        enterprise = static_cast<std::uint32_t>(std::strtoul(object_id.c_str() + at + 12, nullptr, 10));
    std::string mac;
    for (const char c : text(profile.data, "mac"))
        if (std::isxdigit(static_cast<unsigned char>(c))) mac += c;
    if (mac.size() == 12) return be32(0x80000000u | enterprise) + "\x03" + decode_hex(mac).value_or("");
    return be32(0x80000000u | enterprise) + "\x04" + profile.id.substr(0, 27);
}

// A Report (usmStatsUnknownEngineIDs.0 = 1) to a v3 request, echoing msgID and request-id.
std::optional<std::string> snmp_v3_report(const Profile& profile, const ordered_json& snmp, std::string_view body) {
    const auto global = ber_next(body), security = ber_next(body), scoped = ber_next(body);
    if (!global || global->tag != 0x30 || !security || !scoped || scoped->tag != 0x30) return std::nullopt;
    std::string_view header = global->body, scoped_body = scoped->body;
    const auto msg_id = ber_next(header);
    const auto context_engine = ber_next(scoped_body), context_name = ber_next(scoped_body), pdu = ber_next(scoped_body);
    if (!msg_id || !context_engine || !context_name || !pdu || (pdu->tag & 0xe0) != 0xa0) return std::nullopt;
    std::string_view fields = pdu->body;
    const auto request_id = ber_next(fields);
    if (!request_id) return std::nullopt;
    const std::string engine = engine_id(profile, snmp);
    const std::string zero = ber(0x02, std::string(1, '\0'));
    const std::string max_size = ber(0x02, std::string_view("\x00\xff\xe3", 3)), no_auth = ber(0x04, std::string(1, '\0'));
    const std::string global_out = ber(0x30, std::string(msg_id->whole) + max_size + no_auth + ber(0x02, "\x03"));
    const std::string usm = ber(0x30, ber(0x04, engine) + ber(0x02, "\x01") + ber(0x02, "\x03\xe8") + ber(0x04, {}) +
                                          ber(0x04, {}) + ber(0x04, {}));
    const std::string varbind = ber(0x30, ber(0x06, oid_body("1.3.6.1.6.3.15.1.1.4.0")) + ber(0x41, "\x01"));
    const std::string report = ber(0xa8, std::string(request_id->whole) + zero + zero + ber(0x30, varbind));
    return ber(0x30, ber(0x02, "\x03") + global_out + ber(0x04, usm) + ber(0x30, ber(0x04, engine) + ber(0x04, {}) + report));
}

// --- DNS (mDNS) ---

void put16(std::string& out, std::uint16_t value) {
    out += static_cast<char>(value >> 8);
    out += static_cast<char>(value & 0xff);
}

std::string dns_name(std::string_view instance, std::string_view dotted) {
    std::string out;
    if (!instance.empty()) out += static_cast<char>(instance.size()) + std::string(instance);
    std::size_t start = 0;
    while (start < dotted.size()) {
        const auto dot = std::min(dotted.find('.', start), dotted.size());
        out += static_cast<char>(dot - start) + std::string(dotted.substr(start, dot - start));
        start = dot + 1;
    }
    return out + '\0';
}

std::string record(const std::string& name, std::uint16_t type, std::string_view rdata) {
    std::string out = name;
    put16(out, type);
    put16(out, 0x8001);  // IN with the cache-flush bit, as responders send
    out += std::string("\x00\x00\x11\x94", 4);  // TTL 4500
    put16(out, static_cast<std::uint16_t>(rdata.size()));
    return out + std::string(rdata);
}

std::string lower(std::string_view value) {
    std::string out(value);
    for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
}

// The dotted names of the PTR questions of an uncompressed query (id returned in `id`).
std::vector<std::string> ptr_questions(std::string_view request, std::uint16_t& id, std::size_t& end) {
    std::vector<std::string> names;
    if (request.size() < 12 || (static_cast<std::uint8_t>(request[2]) & 0x80)) return names;
    id = static_cast<std::uint16_t>(static_cast<std::uint8_t>(request[0]) << 8 | static_cast<std::uint8_t>(request[1]));
    const std::size_t count = static_cast<std::uint8_t>(request[5]);
    std::size_t at = 12;
    for (std::size_t q = 0; q < count; ++q) {
        std::string name;
        while (at < request.size() && request[at] != 0 && (request[at] & 0xc0) == 0) {
            const std::size_t length = static_cast<std::uint8_t>(request[at]);
            if (at + 1 + length > request.size()) return {};
            name += (name.empty() ? "" : ".") + std::string(request.substr(at + 1, length));
            at += 1 + length;
        }
        if (at + 5 > request.size() || request[at] != 0) return {};
        const bool ptr = request[at + 1] == 0 && request[at + 2] == 12;
        at += 5;
        if (ptr) names.push_back(lower(name));
    }
    end = at;
    return names;
}

}  // namespace

std::optional<std::string> ssdp_reply(const Profile& profile, const std::string& address, std::string_view request) {
    const auto* ssdp = block(profile, "ssdp");
    if (!ssdp || request.rfind("M-SEARCH", 0) != 0 || request.find("ssdp:discover") == std::string_view::npos)
        return std::nullopt;
    const std::string usn = text(*ssdp, "usn", "uuid:lab-" + profile.id);
    std::string out = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n";
    if (ssdp->contains("location")) out += "LOCATION: " + replaced(text(*ssdp, "location"), "{address}", address) + "\r\n";
    out += "SERVER: " + text(*ssdp, "server") + "\r\nST: upnp:rootdevice\r\nUSN: " + usn + "::upnp:rootdevice\r\n";
    if (const auto pad = ssdp->value("pad_bytes", 0); pad > 0) out += "X-Pad: " + std::string(static_cast<std::size_t>(pad), 'p') + "\r\n";
    return out + "\r\n";
}

std::optional<std::string> upnp_description_xml(const Profile& profile) {
    const auto* description = block(profile, "upnp_description");
    if (!description || !description->contains("device") || !(*description)["device"].is_object()) return std::nullopt;
    std::string device;
    for (const auto& [name, value] : (*description)["device"].items())
        if (value.is_string()) device += "<" + name + ">" + xml_escaped(value.get<std::string>()) + "</" + name + ">";
    return R"(<?xml version="1.0"?>)" "\n"
           R"(<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion>)"
           "<device>" + device + "</device></root>\n";
}

void add_upnp_description_entry(Profile& profile) {
    const auto xml = upnp_description_xml(profile);
    if (!xml) return;
    const auto& description = profile.data["upnp_description"];
    ordered_json entry = {{"method", "GET"}, {"path", text(description, "path", "/upnp/device.xml")}, {"status", 200},
                          {"headers", {{"Content-Type", "text/xml; charset=\"utf-8\""}}}, {"body", *xml}};
    if (description.contains("port")) entry["port"] = description["port"];
    if (!profile.data["http"].is_array()) profile.data["http"] = ordered_json::array();
    profile.data["http"].push_back(std::move(entry));
}

std::optional<std::string> snmp_reply(const Profile& profile, std::string_view request) {
    const auto* snmp = block(profile, "snmp");
    if (!snmp) return std::nullopt;
    if (snmp->contains("reply_hex")) return decode_hex(text(*snmp, "reply_hex"));
    auto outer = ber_next(request);
    if (!outer || outer->tag != 0x30) return std::nullopt;
    std::string_view body = outer->body;
    if (body.substr(0, 3) == std::string_view("\x02\x01\x03", 3)) {  // version 3: engine discovery, no credentials
        body.remove_prefix(3);
        return snmp_v3_report(profile, *snmp, body);
    }
    const auto version = ber_next(body), community = ber_next(body), pdu = ber_next(body);
    if (!version || !community || !pdu || pdu->tag != 0xa0 || community->body != text(*snmp, "community", "public"))
        return std::nullopt;
    std::string_view fields = pdu->body;
    const auto request_id = ber_next(fields), status = ber_next(fields), index = ber_next(fields), list = ber_next(fields);
    if (!request_id || !status || !index || !list) return std::nullopt;
    std::string varbinds;
    std::string_view items = list->body;
    while (const auto item = ber_next(items)) {
        std::string_view pair = item->body;
        const auto oid = ber_next(pair);
        if (!oid || oid->tag != 0x06) return std::nullopt;
        varbinds += ber(0x30, std::string(oid->whole) + snmp_value(*snmp, oid->body));
    }
    const std::string answer = std::string(request_id->whole) + ber(0x02, std::string(1, '\0')) +
                               ber(0x02, std::string(1, '\0')) + ber(0x30, varbinds);
    return ber(0x30, std::string(version->whole) + std::string(community->whole) + ber(0xa2, answer));
}

std::optional<std::string> mdns_reply(const Profile& profile, const std::string& address, std::string_view request) {
    const auto* mdns = block(profile, "mdns");
    if (!mdns || !mdns->contains("services") || !(*mdns)["services"].is_array()) return std::nullopt;
    std::uint16_t id = 0;
    std::size_t questions_end = 12;
    const auto asked = ptr_questions(request, id, questions_end);
    std::string answers, additional;
    std::size_t answer_count = 0, additional_count = 0;
    for (const auto& service : (*mdns)["services"]) {
        const std::string type = text(service, "type"), instance = text(service, "instance");
        const std::string host = text(service, "host", profile.id + ".local");
        for (const auto& question : asked) {
            if (question == "_services._dns-sd._udp.local") {
                answers += record(dns_name({}, question), 12, dns_name({}, type)), ++answer_count;
            } else if (question == lower(type)) {
                answers += record(dns_name({}, type), 12, dns_name(instance, type)), ++answer_count;
                std::string srv(6, '\0');
                srv[4] = static_cast<char>(service.value("port", 80) >> 8);
                srv[5] = static_cast<char>(service.value("port", 80) & 0xff);
                additional += record(dns_name(instance, type), 33, srv + dns_name({}, host));
                std::string txt;
                for (const auto& entry : service.value("txt", ordered_json::array()))
                    if (entry.is_string()) txt += static_cast<char>(entry.get<std::string>().size()) + entry.get<std::string>();
                additional += record(dns_name(instance, type), 16, txt.empty() ? std::string(1, '\0') : txt);
                const auto bytes = boost::asio::ip::make_address_v4(address).to_bytes();
                additional += record(dns_name({}, host), 1, std::string(bytes.begin(), bytes.end()));
                additional_count += 3;
            }
        }
    }
    if (answer_count == 0) return std::nullopt;
    std::string out;
    put16(out, id);
    put16(out, 0x8400);  // response, authoritative
    out += std::string(request.substr(4, 2));  // question count, as asked
    put16(out, static_cast<std::uint16_t>(answer_count));
    put16(out, 0);
    put16(out, static_cast<std::uint16_t>(additional_count));
    return out + std::string(request.substr(12, questions_end - 12)) + answers + additional;
}

}  // namespace camaudit::lab
