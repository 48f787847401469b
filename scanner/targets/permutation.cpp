// The scan order: a keyed Feistel network over the smallest even-width bit domain that holds
// [0, size), with cycle-walking back into range, so any size up to 2^64 is permuted in O(1) memory.
#include <targets/permutation.hpp>

#include <algorithm>
#include <bit>
#include <camaudit/error.hpp>
#include <charconv>
#include <fmt/format.h>
#include <stdexcept>
#include <targets/expression.hpp>

namespace camaudit::targets {
namespace {

// splitmix64's finaliser: a cheap, well-mixing round function (strength is not a goal; a
// spread-out order that differs per seed is).
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

}  // namespace

Permutation::Permutation(std::uint64_t size, std::uint64_t seed) : size_(size), seed_(seed) {
    const unsigned bits = size <= 1 ? 0u : static_cast<unsigned>(std::bit_width(size - 1));
    // Two equal halves of at least one bit; the domain is under 4 * size, so the cycle-walk
    // takes fewer than four steps on average.
    half_bits_ = std::max(1u, (bits + 1) / 2);
    std::uint64_t state = seed_;
    for (auto& key : keys_) key = mix(state += 0x632be59bd9b4e019ULL);
}

std::uint64_t Permutation::at(std::uint64_t position) const {
    if (position >= size_)
        throw std::out_of_range(fmt::format("permutation position {} >= size {}", position, size_));
    const std::uint64_t mask = (std::uint64_t{1} << half_bits_) - 1;
    std::uint64_t x = position;
    do {  // walk the cycle of the domain permutation until it lands back inside [0, size)
        std::uint64_t left = x >> half_bits_, right = x & mask;
        for (auto key : keys_) {
            const std::uint64_t next = left ^ (mix(right ^ key) & mask);
            left = right;
            right = next;
        }
        x = (left << half_bits_) | right;
    } while (x >= size_);
    return x;
}

ShardWalk::ShardWalk(const Permutation& permutation, Shard shard)
    : permutation_(&permutation), shard_(shard), position_(shard.index - 1) {
    if (shard.count == 0 || shard.index == 0 || shard.index > shard.count)
        throw UsageError(fmt::format("bad shard {}/{}: K must be between 1 and N", shard.index,
                                     shard.count),
                         "give --shard K/N with 1 <= K <= N, e.g. --shard 3/16");
}

std::optional<std::uint64_t> ShardWalk::next() {
    if (position_ >= permutation_->size()) return std::nullopt;
    const auto element = permutation_->at(position_);
    // Step by N without wrapping past 2^64: once past the end, park at the end.
    position_ = shard_.count > permutation_->size() - position_ ? permutation_->size()
                                                                 : position_ + shard_.count;
    return element;
}

std::uint64_t ShardWalk::total() const {
    const auto size = permutation_->size();
    const auto first = shard_.index - 1;
    return first >= size ? 0 : (size - first - 1) / shard_.count + 1;
}

Shard parse_shard(std::string_view text) {
    const auto fail = [&](std::string_view why) {
        return UsageError(fmt::format("bad shard '{}': {}", quote_token(text), why),
                          "give --shard K/N with 1 <= K <= N, e.g. --shard 3/16");
    };
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) throw fail("expected K/N");
    const auto number = [&](std::string_view part, std::uint64_t& out) {
        const auto end = part.data() + part.size();
        const auto [ptr, ec] = std::from_chars(part.data(), end, out);
        if (part.empty() || ec != std::errc{} || ptr != end || part.front() == '+')
            throw fail("K and N must be whole numbers");
    };
    Shard shard;
    number(text.substr(0, slash), shard.index);
    number(text.substr(slash + 1), shard.count);
    if (shard.count == 0) throw fail("N must be at least 1");
    if (shard.index == 0 || shard.index > shard.count) throw fail("K must be between 1 and N");
    return shard;
}

}  // namespace camaudit::targets
