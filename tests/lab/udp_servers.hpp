// The lab's UDP side: WS-Discovery (3702), SADP (37020) and DHIP (37810) responders on each
// placed device's address, only for profiles with an onvif.scopes, sadp.reply or
// dahua_discovery.reply block; SSDP (1900), SNMP (161) and mDNS (5353) for profiles with an
// ssdp, snmp or mdns block (answers in discovery_replies.hpp). Pure answer builders plus one receive loop per socket.
#pragma once
#include <lab/lab.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/udp.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::lab {

inline constexpr std::size_t max_udp_request_bytes = 4096;  // a longer datagram is ignored

enum class UdpService { wsd, sadp, dhip, ssdp, snmp, mdns };

struct UdpSpec {
    UdpService service;
    std::uint16_t port;
    // The group a responder on a real segment joins: 224.0.0.251 for mDNS (RFC 6762),
    // 239.255.255.251 for Dahua DHIP, 239.255.255.250 for the others that answer multicast,
    // empty for SNMP.
    std::string_view multicast_group = {};
};

// The UDP services a profile's blocks ask for, with their ports.
std::vector<UdpSpec> udp_services_for(const Profile& profile);

// The answer to one request, or nullopt when the request is not that protocol's. With
// "forge_reply_id": true in the profile, the WSD RelatesTo and SADP Uuid name another id.
std::optional<std::string> wsd_reply(const Profile& profile, const std::string& address, std::string_view request);
std::optional<std::string> sadp_reply(const Profile& profile, std::string_view request);
std::optional<std::string> dhip_reply(const Profile& profile, std::string_view request);

// Answers every datagram on `socket` to its sender until the socket closes or the
// io_context stops. With `answer_from` (a hostile profile's "answer_from": another device's
// id) the answers leave from that device's address instead: a forged source, as an attacker
// on the network sends it (loopback lab only: every 127/8 address is local there).
boost::asio::awaitable<void> udp_loop(boost::asio::ip::udp::socket socket, const Profile* profile,
                                      std::string address, UdpService service,
                                      std::optional<boost::asio::ip::address> answer_from = std::nullopt);

// The id a hostile profile forges its UDP answers' source address from ("answer_from"), or empty.
std::string answer_from_id(const Profile& profile);

}  // namespace camaudit::lab
