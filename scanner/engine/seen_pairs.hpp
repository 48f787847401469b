// The SYN sweep's memory of which (address, port) pairs already answered, with no
// per-address state: a Bloom filter over the probe's keyed hash. It reports a host that
// answers twice once, and lets a retry pass skip pairs that answered the first.
#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

namespace camaudit::engine {

// 64 bits per pair and 6 probes give a false positive (a real reply taken for a duplicate,
// or a retry skipped) below one in a million even when every pair answers (measured: 4 of
// 65,536 lost with 32 bits and 4 probes). The size is capped at 16 MiB (2 M pairs at the
// full density); beyond, accuracy falls only where most pairs answer (dense networks).
class SeenPairs {
public:
    explicit SeenPairs(std::uint64_t pairs);
    // Marks `hash`; true when it was (probably) marked before. Safe from any thread.
    bool mark(std::uint64_t hash);
    bool contains(std::uint64_t hash) const;
    std::uint64_t bits() const { return mask_ + 1; }

private:
    static constexpr int probes = 6;
    std::uint64_t bit(std::uint64_t hash, int probe) const;
    std::uint64_t mask_;
    std::vector<std::atomic<std::uint64_t>> words_;
};

}  // namespace camaudit::engine
