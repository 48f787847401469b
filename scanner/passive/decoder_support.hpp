// Small helpers the decoders of scanner/passive share: which packets are theirs, the payload
// as text, and the frame's MAC where the contract allows it.
#pragma once
#include <camaudit/packet.hpp>
#include <passive/packet_text.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace camaudit::passive {

// Same cap as the active probes' default (ProbeLimits::max_value_bytes).
inline constexpr std::size_t decoder_max_value_bytes = 4096;

inline bool is_udp_port(const Packet& packet, std::uint16_t port) {
    return packet.transport == Transport::udp && (packet.src_port == port || packet.dst_port == port);
}

inline std::string_view payload_text(const Packet& packet) {
    return {reinterpret_cast<const char*>(packet.payload.data()), packet.payload.size()};
}

inline bool payload_starts_with(const Packet& packet, std::string_view prefix) {
    return payload_text(packet).starts_with(prefix);
}

// The first byte that is not XML whitespace is '<' (an XML datagram).
inline bool looks_like_xml(const Packet& packet) {
    for (const auto byte : packet.payload) {
        if (byte == '<') return true;
        if (byte != ' ' && byte != '\t' && byte != '\r' && byte != '\n' && byte != 0xEF && byte != 0xBB && byte != 0xBF)
            return false;
    }
    return false;
}

// Moves `found` to `out`; where a parser left `mac` empty and the sender is on-link for sure,
// the frame's source MAC fills it (the payload's own MAC, when a parser set one, is kept).
inline void append_observations(std::vector<Observation>&& found, const Packet& packet, std::vector<Observation>& out) {
    const bool on_link = sender_on_link(packet);
    for (auto& o : found) {
        if (o.mac.empty() && on_link) o.mac = to_text(packet.src_mac);
        out.push_back(std::move(o));
    }
}

}  // namespace camaudit::passive
