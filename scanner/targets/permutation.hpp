// A pseudo-random permutation of [0, size) computed on the fly, and the shard walks over it.
#pragma once
#include <camaudit/target.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace camaudit::targets {

// Bijective on [0, size); deterministic for a given (size, seed); O(1) memory.
class Permutation {
public:
    Permutation(std::uint64_t size, std::uint64_t seed);
    std::uint64_t size() const { return size_; }
    std::uint64_t at(std::uint64_t position) const;  // 0 <= position < size()

private:
    std::uint64_t size_;
    std::uint64_t seed_;
    // implementation state (e.g. Feistel round keys, half widths) below
    unsigned half_bits_ = 0;
    std::uint64_t keys_[4] = {};
};

// Visits the elements of one shard in permutation order. Shards of the same
// (size, seed) are disjoint and together complete.
class ShardWalk {
public:
    ShardWalk(const Permutation& permutation, Shard shard);
    std::optional<std::uint64_t> next();  // the next element, or none when done
    std::uint64_t total() const;          // how many elements this shard visits

private:
    const Permutation* permutation_;
    Shard shard_;
    std::uint64_t position_;
};

// Parses "K/N" (1 <= K <= N); throws UsageError quoting the text otherwise.
Shard parse_shard(std::string_view text);

}  // namespace camaudit::targets
