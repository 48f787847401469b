// The SYN sweep's memory of which (address, port) pairs already answered, with no
// per-address state: a Bloom filter over the probe's keyed hash. It reports a host that
// answers twice once, and lets a retry pass skip pairs that answered the first.
#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

namespace camaudit::engine {

// 32 bits per pair and 4 probes give a false positive (a real reply taken for a duplicate,
// or a retry skipped) below 0.02 % even when every pair answers; sparse networks see far
// fewer. The size is capped at 16 MiB, so very large sweeps trade accuracy for memory.
class SeenPairs {
public:
    explicit SeenPairs(std::uint64_t pairs);
    // Marks `hash`; true when it was (probably) marked before. Safe from any thread.
    bool mark(std::uint64_t hash);
    bool contains(std::uint64_t hash) const;
    std::uint64_t bits() const { return mask_ + 1; }

private:
    static constexpr int probes = 4;
    std::uint64_t bit(std::uint64_t hash, int probe) const;
    std::uint64_t mask_;
    std::vector<std::atomic<std::uint64_t>> words_;
};

}  // namespace camaudit::engine
