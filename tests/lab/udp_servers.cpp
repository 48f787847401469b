// WS-Discovery ProbeMatches from the profile's ONVIF scopes, SADP ProbeMatch from sadp.reply
// echoing the request's Uuid, DHIP notifyDevInfo from dahua_discovery.reply. Requests are read
// into a fixed buffer (max_udp_request_bytes) and matched with plain string search. Profiles
// may answer late (reply_delay_ms) or flood the asker with junk after answering (junk_datagrams).
#include <lab/udp_servers.hpp>

#include <lab/discovery_replies.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <chrono>
#include <tuple>
#include <cstdint>

namespace camaudit::lab {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;
using nlohmann::ordered_json;

constexpr std::string_view forged_id = "00000000-0000-4000-8000-0000000f0e6d";
// The groups from ../shared/research/protocols.md: SSDP, WS-Discovery and SADP share .250;
// Dahua's DHIP search goes to .251 (research §4, "note: .251").
constexpr std::string_view ssdp_group = "239.255.255.250";  // also WS-Discovery's and SADP's
constexpr std::string_view dhip_group = "239.255.255.251";
constexpr std::string_view mdns_group = "224.0.0.251";

bool forges(const Profile& profile) {
    const auto it = profile.data.find("forge_reply_id");
    return it != profile.data.end() && it->is_boolean() && it->get<bool>();
}

const ordered_json* block(const Profile& profile, const char* name, const char* member) {
    const auto it = profile.data.find(name);
    if (it == profile.data.end() || !it->is_object()) return nullptr;
    const auto inner = it->find(member);
    if (inner == it->end() || inner->is_null()) return nullptr;
    return &*inner;
}

// The text between <...name> and the next '<' (prefixes ignored), or empty.
std::string_view element_text(std::string_view xml, std::string_view name) {
    std::size_t at = 0;
    while ((at = xml.find(name, at)) != std::string_view::npos) {
        const bool starts = at > 0 && (xml[at - 1] == '<' || xml[at - 1] == ':');
        at += name.size();
        if (!starts || at >= xml.size() || xml[at] != '>') continue;
        const auto end = xml.find('<', at + 1);
        if (end == std::string_view::npos) return {};
        return xml.substr(at + 1, end - at - 1);
    }
    return {};
}

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out += c;
    }
    return out;
}

std::string joined_scopes(const ordered_json& scopes) {
    std::string out;
    for (const auto& scope : scopes)
        if (scope.is_string()) out += (out.empty() ? "" : " ") + scope.get<std::string>();
    return out;
}

std::string le32(std::uint32_t value) {
    std::string out;
    for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
    return out;
}

std::optional<std::string> reply_for(UdpService service, const Profile& profile, const std::string& address,
                                     std::string_view request) {
    switch (service) {
    case UdpService::wsd: return wsd_reply(profile, address, request);
    case UdpService::sadp: return sadp_reply(profile, request);
    case UdpService::dhip: return dhip_reply(profile, request);
    case UdpService::ssdp: return ssdp_reply(profile, address, request);
    case UdpService::snmp: return snmp_reply(profile, request);
    case UdpService::mdns: return mdns_reply(profile, address, request);
    }
    return std::nullopt;
}

}  // namespace

std::vector<UdpSpec> udp_services_for(const Profile& profile) {
    std::vector<UdpSpec> specs;
    if (const auto* scopes = block(profile, "onvif", "scopes"); scopes && scopes->is_array() && !scopes->empty())
        specs.push_back({UdpService::wsd, 3702, ssdp_group});
    if (const auto* reply = block(profile, "sadp", "reply"); reply && reply->is_object())
        specs.push_back({UdpService::sadp, 37020, ssdp_group});
    if (const auto* reply = block(profile, "dahua_discovery", "reply"); reply && reply->is_object())
        specs.push_back({UdpService::dhip, 37810, dhip_group});
    for (const auto& [name, service, port, group] : {std::tuple{"ssdp", UdpService::ssdp, 1900, ssdp_group},
                                                     std::tuple{"snmp", UdpService::snmp, 161, std::string_view{}},
                                                     std::tuple{"mdns", UdpService::mdns, 5353, mdns_group}})
        if (const auto it = profile.data.find(name); it != profile.data.end() && it->is_object())
            specs.push_back({service, static_cast<std::uint16_t>(port), group});
    return specs;
}

std::optional<std::string> wsd_reply(const Profile& profile, const std::string& address, std::string_view request) {
    const auto* scopes = block(profile, "onvif", "scopes");
    const std::string_view message_id = element_text(request, "MessageID");
    if (!scopes || message_id.empty() || request.find("Probe") == std::string_view::npos) return std::nullopt;
    const std::string relates_to = forges(profile) ? "urn:uuid:" + std::string(forged_id) : std::string(message_id);
    return R"(<?xml version="1.0" encoding="UTF-8"?>)"
           R"(<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" )"
           R"(xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" )"
           R"(xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" )"
           R"(xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">)"
           "<env:Header><wsa:MessageID>urn:uuid:1c0ffee0-0000-4000-8000-000000000001</wsa:MessageID>"
           "<wsa:RelatesTo>" + xml_escaped(relates_to) + "</wsa:RelatesTo>"
           "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></env:Header>"
           "<env:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:lab-" +
           xml_escaped(profile.id) + "</wsa:Address></wsa:EndpointReference>"
           "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>" + xml_escaped(joined_scopes(*scopes)) +
           "</d:Scopes><d:XAddrs>http://" + address + "/onvif/device_service</d:XAddrs>"
           "<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>";
}

std::optional<std::string> sadp_reply(const Profile& profile, std::string_view request) {
    const auto* reply = block(profile, "sadp", "reply");
    const std::string_view uuid = element_text(request, "Uuid");
    if (!reply || !reply->is_object() || uuid.empty() || element_text(request, "Types") != "inquiry")
        return std::nullopt;
    std::string out = R"(<?xml version="1.0" encoding="UTF-8"?><ProbeMatch>)";
    for (const auto& [name, value] : reply->items()) {
        const std::string text = name == "Uuid" ? std::string(forges(profile) ? forged_id : uuid)
                                 : value.is_string() ? value.get<std::string>() : value.dump();
        out += "<" + name + ">" + xml_escaped(text) + "</" + name + ">";
    }
    return out + "</ProbeMatch>";
}

std::optional<std::string> dhip_reply(const Profile& profile, std::string_view request) {
    const auto* reply = block(profile, "dahua_discovery", "reply");
    if (!reply || request.size() < 32 || request.substr(4, 4) != "DHIP" ||
        request.find("DHDiscover.search") == std::string_view::npos)
        return std::nullopt;
    const std::string body = reply->dump() + "\n";
    const auto length = static_cast<std::uint32_t>(body.size());
    return le32(32) + "DHIP" + le32(0) + le32(0) + le32(length) + le32(0) + le32(length) + le32(0) + body;
}

namespace {

// A profile's whole-number setting, or 0 when it has none.
std::size_t setting(const Profile& profile, const char* name) {
    const auto it = profile.data.find(name);
    if (it == profile.data.end() || !it->is_number_integer() || it->get<long long>() < 0) return 0;
    return it->get<std::size_t>();
}

// Hostile `junk_datagrams`: after its answer the device floods the asker with that many
// datagrams no protocol reads, in small bursts so the asker's receive buffer keeps up.
asio::awaitable<void> send_junk(udp::socket& socket, const udp::endpoint& to, std::size_t count) {
    constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);
    constexpr std::size_t burst = 50;
    asio::steady_timer pause(socket.get_executor());
    for (std::size_t i = 0; i < count; ++i) {
        const std::string junk = "\x01junk datagram " + std::to_string(i);
        co_await socket.async_send_to(asio::buffer(junk), to, tuple_awaitable);
        if (i % burst == burst - 1) {
            pause.expires_after(std::chrono::milliseconds(1));
            co_await pause.async_wait(tuple_awaitable);
        }
    }
}

// A socket that sends from `source` (the forged address) on the service's own port.
std::optional<udp::socket> forged_sender(const asio::any_io_executor& executor, const asio::ip::address& source,
                                         std::uint16_t port) {
    udp::socket socket(executor);
    boost::system::error_code error;
    socket.open(source.is_v4() ? udp::v4() : udp::v6(), error);
    if (!error) socket.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) socket.bind({source, port}, error);
    if (error) return std::nullopt;
    return socket;
}

}  // namespace

std::string answer_from_id(const Profile& profile) {
    const auto it = profile.data.find("answer_from");
    return it != profile.data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

asio::awaitable<void> udp_loop(udp::socket socket, const Profile* profile, std::string address, UdpService service,
                               std::optional<asio::ip::address> answer_from) {
    std::array<char, max_udp_request_bytes + 1> buffer{};
    constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);
    // `reply_delay_ms`: WS-Discovery targets wait a random 0-500 ms (APP_MAX_DELAY, research
    // §1) before answering a multicast probe; a profile may answer that late.
    const auto delay = std::chrono::milliseconds(setting(*profile, "reply_delay_ms"));
    const std::size_t junk = setting(*profile, "junk_datagrams");
    asio::steady_timer wait(socket.get_executor());
    std::optional<udp::socket> forger;
    if (answer_from) {
        forger = forged_sender(socket.get_executor(), *answer_from, socket.local_endpoint().port());
        if (!forger) co_return;  // a spoofer that cannot forge says nothing in its own name either
    }
    udp::socket& sender = forger ? *forger : socket;
    while (socket.is_open()) {
        udp::endpoint from;
        const auto into = asio::buffer(buffer);
        auto [error, size] = co_await socket.async_receive_from(into, from, tuple_awaitable);
        if (error == asio::error::operation_aborted) break;
        if (error || size > max_udp_request_bytes) continue;
        const std::string_view request(buffer.data(), size);
        const auto answer = reply_for(service, *profile, address, request);
        if (!answer) continue;
        if (delay.count() > 0) {
            wait.expires_after(delay);
            co_await wait.async_wait(tuple_awaitable);
        }
        const auto out = asio::buffer(*answer);
        auto [send_error, sent] = co_await sender.async_send_to(out, from, tuple_awaitable);
        (void)send_error;
        (void)sent;
        if (junk > 0) co_await send_junk(socket, from, junk);
    }
}

}  // namespace camaudit::lab
