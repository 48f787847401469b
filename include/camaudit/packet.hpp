// The contract of a passive decoder: scanner/passive/ turns captured frames into Packets
// (link layer, IP, UDP or the first bytes of a TCP stream); one file per protocol fills one
// PassiveDecoder, and scanner/passive/registry.cpp lists them all. A decoder emits the same
// observation keys as the active probe of its protocol, so identification cannot tell a
// packet heard from an answer asked for (style.md: "facts first").
#pragma once
#include <camaudit/observation.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit {

// A network address as it sits in the header: 4 or 16 bytes, no allocation per packet.
struct IpBytes {
    std::array<std::uint8_t, 16> bytes{};
    bool v6 = false;
    bool empty = true;
};

// A MAC address as it sits in the frame; `empty` when the link type carries none (raw IP)
// or only a partial one (SLL carries the sender's address only).
struct MacBytes {
    std::array<std::uint8_t, 6> bytes{};
    bool empty = true;
};

enum class Transport : std::uint8_t { none, udp, tcp };

// One unit handed to decoders. Views point into the capture buffer and live only for the
// call: a decoder copies what it keeps into Observations.
//  - UDP: `payload` is the datagram's data.
//  - TCP: `payload` is the first bytes of one direction of one flow (in order, from its
//    start, capped by the flow table; see scanner/passive/), delivered once per direction
//    when the flow closes, the cap is reached, or the capture ends.
//  - ARP (ether_type 0x0806): `payload` is the ARP body; addresses and ports are empty.
struct Packet {
    TimePoint time{};
    MacBytes src_mac;
    MacBytes dst_mac;
    std::uint16_t ether_type = 0;  // 0x0800, 0x86dd, 0x0806; VLAN tags already removed
    std::uint16_t vlan = 0;        // outermost 802.1Q id, 0 when untagged
    IpBytes src_ip;
    IpBytes dst_ip;
    Transport transport = Transport::none;
    std::uint16_t src_port = 0;
    std::uint16_t dst_port = 0;
    bool multicast = false;        // destination is multicast or broadcast (link-local scope)
    std::span<const std::uint8_t> payload;
};

// Text forms used in Observations: canonical IP text, "aa:bb:cc:dd:ee:ff".
std::string to_text(const IpBytes& ip);
std::string to_text(const MacBytes& mac);

// A passive decoder. `wants` is called for every packet and must be cheap (ports, ether
// type, a few leading bytes); `decode` appends observations and never throws for bad bytes
// (a malformed payload is counted by returning false). `capture_filter` is the BPF fragment
// that lets this protocol through a live capture ("udp port 37020"); the capture's filter is
// the "or" of those of the decoders in use.
//
// Who is the device: the sender. Observations carry its IP; they carry its MAC only where
// the sender is on the local link for sure (ARP, DHCP, and datagrams to a multicast or
// broadcast address), because a unicast frame from a routed host carries the router's MAC.
struct PassiveDecoder {
    std::string_view name;     // the --decoders word; observations' probe is "passive:<name>"
    std::string_view summary;
    std::span<const std::string_view> emits;
    std::string_view capture_filter;
    bool (*wants)(const Packet& packet);
    bool (*decode)(const Packet& packet, std::vector<Observation>& out);
};

}  // namespace camaudit
