// TCP in a capture: per direction of each flow, the first bytes in order from its start,
// handed once to the stream decoders when the direction ends (FIN, RST), its cap is reached,
// it falls idle, it is evicted, or the capture ends. Memory is bounded by flows, not packets.
#pragma once
#include <camaudit/packet.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <unordered_map>
#include <vector>

namespace camaudit::passive {

struct FlowLimits {
    std::size_t bytes_per_direction = 16 * 1024;
    std::size_t max_flows = 65536;                   // directions tracked at once
    std::size_t max_buffered_bytes = 64 * 1024 * 1024;
    std::chrono::seconds idle{60};                   // capture time without a segment
};

struct FlowStats {
    std::uint64_t directions = 0;   // directions seen
    std::uint64_t delivered = 0;    // streams handed to decoders
    std::uint64_t evicted = 0;      // directions dropped early for the limits
    std::uint64_t gaps = 0;         // segments after a hole (lost or out of order): not kept
    std::uint64_t ignored = 0;      // directions no decoder wanted
};

struct FlowKey {
    std::array<std::uint8_t, 16> src{};
    std::array<std::uint8_t, 16> dst{};
    std::uint16_t src_port = 0;
    std::uint16_t dst_port = 0;
    bool v6 = false;
    bool operator==(const FlowKey&) const = default;
};
struct FlowKeyHash {
    std::size_t operator()(const FlowKey& key) const noexcept;
};

class FlowTable {
public:
    using Deliver = std::function<void(const Packet& stream)>;
    using Wants = std::function<bool(const Packet& first_segment)>;

    // `deliver` gets each stream once; `wants` is asked with a direction's first data segment
    // whether any decoder could use the stream (no: only a small entry is kept).
    FlowTable(FlowLimits limits, Deliver deliver, Wants wants);

    void add(const Packet& segment, std::uint32_t seq, std::uint8_t flags);
    void expire(TimePoint now);  // delivers directions idle for longer than limits.idle
    void flush();                // end of capture: delivers everything still open

    const FlowStats& stats() const { return stats_; }
    std::size_t tracked() const { return directions_.size(); }
    std::size_t buffered_bytes() const { return buffered_; }

private:
    struct Direction {
        Packet head;                       // addresses, ports, time of the first segment
        std::vector<std::uint8_t> data;
        std::uint32_t next_seq = 0;
        bool seq_known = false;
        bool asked = false;                // `wants` was consulted
        bool done = false;                 // delivered or ignored: later segments are dropped
        TimePoint last_seen{};
        std::list<FlowKey>::iterator order;
    };

    Direction& find_or_add(const FlowKey& key, const Packet& segment);
    void append(Direction& direction, const Packet& segment, std::uint32_t seq);
    void finish(Direction& direction);
    void finish_reverse(const FlowKey& key);
    void erase(const FlowKey& key);
    void enforce_limits();

    FlowLimits limits_;
    Deliver deliver_;
    Wants wants_;
    std::unordered_map<FlowKey, Direction, FlowKeyHash> directions_;
    std::list<FlowKey> by_age_;  // least recently active first
    std::size_t buffered_ = 0;
    FlowStats stats_;
};

FlowKey flow_key(const Packet& packet);

}  // namespace camaudit::passive
