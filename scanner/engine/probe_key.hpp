// Stateless validation of SYN sweep replies (the zmap way): the source port and sequence
// number of each probe are a keyed hash of (our address, its address, its port), so a reply
// proves itself without a table of probes sent. The key is random per run and never leaves
// the process (not the recorded seed: anyone who read a report could then forge replies).
#pragma once
#include <array>
#include <cstdint>
#include <memory>

namespace camaudit::engine {

// The source ports the SYN sweep uses: above Linux's default ephemeral range (32768-60999),
// so the kernel's own connections do not take them, and a BPF filter can name them.
inline constexpr std::uint16_t probe_port_first = 61440;
inline constexpr std::uint16_t probe_port_count = 4096;
inline constexpr std::uint16_t probe_port_last = probe_port_first + probe_port_count - 1;

// What one probe carries, and the hash it came from (the duplicate filter reuses it).
struct ProbeTag {
    std::uint64_t hash = 0;
    std::uint16_t source_port = 0;
    std::uint32_t seq = 0;
};

using ProbeSecret = std::array<std::uint8_t, 16>;

// A fresh secret from OpenSSL's CSPRNG; throws RunError when it has no entropy.
ProbeSecret random_probe_secret();

// SipHash-2-4 (OpenSSL's EVP_MAC "SIPHASH") under the secret. One per thread: it holds an
// OpenSSL context.
class ProbeKey {
public:
    explicit ProbeKey(const ProbeSecret& secret);
    ~ProbeKey();
    ProbeKey(const ProbeKey&) = delete;
    ProbeKey& operator=(const ProbeKey&) = delete;

    // Addresses in host byte order.
    ProbeTag tag(std::uint32_t source, std::uint32_t destination, std::uint16_t destination_port);

private:
    struct Context;
    ProbeSecret secret_;
    std::unique_ptr<Context> context_;
};

}  // namespace camaudit::engine
