// Double hashing over one keyed 64-bit hash (Kirsch and Mitzenmacher): the halves give the
// start and the stride of the probes, so no second hash function is needed.
#include <engine/seen_pairs.hpp>

#include <algorithm>
#include <bit>

namespace camaudit::engine {
namespace {

constexpr std::uint64_t bits_per_pair = 64;
constexpr std::uint64_t fewest_bits = std::uint64_t{1} << 16;
constexpr std::uint64_t most_bits = std::uint64_t{1} << 27;  // 16 MiB

std::uint64_t bit_count(std::uint64_t pairs) {
    const std::uint64_t wanted = pairs > most_bits / bits_per_pair ? most_bits : pairs * bits_per_pair;
    return std::clamp(std::bit_ceil(std::max<std::uint64_t>(wanted, 1)), fewest_bits, most_bits);
}

}  // namespace

SeenPairs::SeenPairs(std::uint64_t pairs) : mask_(bit_count(pairs) - 1), words_((mask_ + 1) / 64) {}

std::uint64_t SeenPairs::bit(std::uint64_t hash, int probe) const {
    const std::uint64_t start = hash & 0xffffffff;
    const std::uint64_t stride = (hash >> 32) | 1;
    // Mixed so that hashes differing only in their low bits still spread over the filter.
    return ((start * 0x9e3779b97f4a7c15ULL) + static_cast<std::uint64_t>(probe) * stride * 0xbf58476d1ce4e5b9ULL) & mask_;
}

bool SeenPairs::mark(std::uint64_t hash) {
    bool seen = true;
    for (int probe = 0; probe < probes; ++probe) {
        const auto b = bit(hash, probe);
        const std::uint64_t flag = std::uint64_t{1} << (b % 64);
        seen = (words_[b / 64].fetch_or(flag, std::memory_order_relaxed) & flag) != 0 && seen;
    }
    return seen;
}

bool SeenPairs::contains(std::uint64_t hash) const {
    for (int probe = 0; probe < probes; ++probe) {
        const auto b = bit(hash, probe);
        if ((words_[b / 64].load(std::memory_order_relaxed) & (std::uint64_t{1} << (b % 64))) == 0) return false;
    }
    return true;
}

}  // namespace camaudit::engine
