// The TCP flow table (flow_table.hpp). Sequence numbers are compared modulo 2^32; a segment
// after a hole is not kept (no reordering buffer): decoders need the start of a stream, and a
// stream with a hole is delivered with what came before it.
#include <passive/flow_table.hpp>

#include <algorithm>

namespace camaudit::passive {
namespace {

constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04;

}  // namespace

std::size_t FlowKeyHash::operator()(const FlowKey& key) const noexcept {
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
    const auto mix = [&](const std::uint8_t* bytes, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
    };
    const std::size_t width = key.v6 ? 16 : 4;
    mix(key.src.data(), width);
    mix(key.dst.data(), width);
    const std::uint32_t ports = static_cast<std::uint32_t>(key.src_port) << 16 | key.dst_port;
    mix(reinterpret_cast<const std::uint8_t*>(&ports), sizeof ports);
    return static_cast<std::size_t>(hash);
}

FlowKey flow_key(const Packet& packet) {
    FlowKey key;
    key.src = packet.src_ip.bytes;
    key.dst = packet.dst_ip.bytes;
    key.src_port = packet.src_port;
    key.dst_port = packet.dst_port;
    key.v6 = packet.src_ip.v6;
    return key;
}

FlowTable::FlowTable(FlowLimits limits, Deliver deliver, Wants wants)
    : limits_(limits), deliver_(std::move(deliver)), wants_(std::move(wants)) {}

FlowTable::Direction& FlowTable::find_or_add(const FlowKey& key, const Packet& segment) {
    auto [it, added] = directions_.try_emplace(key);
    Direction& direction = it->second;
    if (added) {
        ++stats_.directions;
        direction.head = segment;
        direction.head.payload = {};
        direction.order = by_age_.insert(by_age_.end(), key);
    } else {
        by_age_.splice(by_age_.end(), by_age_, direction.order);
    }
    direction.last_seen = segment.time;
    return direction;
}

void FlowTable::add(const Packet& segment, std::uint32_t seq, std::uint8_t flags) {
    const FlowKey key = flow_key(segment);
    if ((flags & rst) != 0) finish_reverse(key);
    if (segment.payload.empty() && (flags & (syn | fin | rst)) == 0 && !directions_.contains(key)) return;  // bare ACK
    Direction& direction = find_or_add(key, segment);
    if (!direction.done) {
        if ((flags & syn) != 0) {
            direction.next_seq = seq + 1;
            direction.seq_known = true;
        }
        if (!segment.payload.empty()) append(direction, segment, (flags & syn) != 0 ? seq + 1 : seq);
        if (!direction.done && (flags & (fin | rst)) != 0) finish(direction);
    }
    enforce_limits();
}

void FlowTable::append(Direction& direction, const Packet& segment, std::uint32_t seq) {
    if (!direction.asked) {
        direction.asked = true;
        if (!wants_(segment)) {
            ++stats_.ignored;
            direction.done = true;
            return;
        }
    }
    if (!direction.seq_known) {  // the capture started mid-stream: take it from here
        direction.next_seq = seq;
        direction.seq_known = true;
    }
    const auto offset = static_cast<std::int32_t>(direction.next_seq - seq);  // bytes already held
    if (offset < 0) {
        ++stats_.gaps;
        return;
    }
    if (static_cast<std::size_t>(offset) >= segment.payload.size()) return;  // a retransmission
    const auto fresh = segment.payload.subspan(static_cast<std::size_t>(offset));
    const std::size_t room = limits_.bytes_per_direction - direction.data.size();
    const std::size_t take = std::min(room, fresh.size());
    direction.data.insert(direction.data.end(), fresh.begin(), fresh.begin() + static_cast<std::ptrdiff_t>(take));
    buffered_ += take;
    direction.next_seq += static_cast<std::uint32_t>(take);
    if (direction.data.size() >= limits_.bytes_per_direction) finish(direction);
}

// Hands the stream over once and frees its bytes; the small entry stays to ignore the rest.
void FlowTable::finish(Direction& direction) {
    if (direction.done) return;
    direction.done = true;
    if (direction.data.empty()) return;
    Packet stream = direction.head;
    stream.payload = direction.data;
    ++stats_.delivered;
    deliver_(stream);
    buffered_ -= direction.data.size();
    std::vector<std::uint8_t>().swap(direction.data);
}

void FlowTable::finish_reverse(const FlowKey& key) {
    FlowKey reverse = key;
    std::swap(reverse.src, reverse.dst);
    std::swap(reverse.src_port, reverse.dst_port);
    if (const auto it = directions_.find(reverse); it != directions_.end()) finish(it->second);
}

void FlowTable::erase(const FlowKey& key) {
    const auto it = directions_.find(key);
    if (it == directions_.end()) return;
    finish(it->second);
    by_age_.erase(it->second.order);
    directions_.erase(it);
}

// Oldest first: an evicted direction still delivers what it holds.
void FlowTable::enforce_limits() {
    while (!by_age_.empty() && (directions_.size() > limits_.max_flows || buffered_ > limits_.max_buffered_bytes)) {
        const FlowKey oldest = by_age_.front();
        if (!directions_.at(oldest).done) ++stats_.evicted;
        erase(oldest);
    }
}

void FlowTable::expire(TimePoint now) {
    while (!by_age_.empty()) {
        const FlowKey oldest = by_age_.front();
        if (directions_.at(oldest).last_seen + limits_.idle > now) break;
        erase(oldest);
    }
}

void FlowTable::flush() {
    while (!by_age_.empty()) erase(by_age_.front());
}

}  // namespace camaudit::passive
