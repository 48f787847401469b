// The connect timeout learned from the round-trip times this network shows, as TCP (RFC 6298)
// and nmap do: a smoothed RTT and its variation, fed by the replies of one sweep, read as the
// timeout of the next. Thread-safe: sweeps feed it from their own thread.
#pragma once
#include <chrono>
#include <cstddef>
#include <mutex>

namespace camaudit::engine {

struct RttBounds {
    // nmap's --min-rtt-timeout default: below it, scheduling jitter on the scanning machine
    // alone would turn answering ports silent.
    std::chrono::milliseconds floor{100};
    std::chrono::milliseconds ceiling{1500};  // the user's --timeout
    // Fewer replies than this say too little about the network: the ceiling stays.
    std::size_t min_samples = 4;
};

class RttEstimate {
public:
    explicit RttEstimate(RttBounds bounds = {}) : bounds_(bounds) {}

    // One reply's round trip; a zero (unknown) rtt is ignored.
    void add(std::chrono::microseconds rtt);

    // srtt + 4 x rttvar, but never below twice the slowest round trip seen (one slow host
    // among fast ones must not lose its open ports), clamped to [floor, ceiling]; the ceiling
    // until min_samples replies came.
    std::chrono::milliseconds timeout() const;
    bool learned() const;
    std::size_t samples() const;

private:
    RttBounds bounds_;
    mutable std::mutex guard_;
    std::size_t samples_ = 0;
    double srtt_us_ = 0;
    double rttvar_us_ = 0;
    double slowest_us_ = 0;
};

}  // namespace camaudit::engine
