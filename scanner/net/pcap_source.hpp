// A libpcap handle: a capture file (pcap or pcapng) or a live interface, and the next-record
// loop over it. No protocol knowledge: records go to parse/link_frame.
#pragma once
#include <camaudit/observation.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

struct pcap;

namespace camaudit::net {

struct LiveCaptureOptions {
    std::string interface;
    int snaplen = 65535;
    bool promiscuous = false;
    int buffer_bytes = 8 << 20;
};

struct PcapRecord {
    std::span<const std::uint8_t> bytes;  // valid until the next call to next()
    std::uint32_t wire_length = 0;        // > bytes.size() when the snap length cut it
    TimePoint time{};
};

enum class NextStatus { record, idle, end, truncated };

struct KernelStats {
    std::uint64_t received = 0;
    std::uint64_t dropped = 0;            // by the kernel (buffer full)
    std::uint64_t interface_dropped = 0;  // by the interface or driver
};

class PcapSource {
public:
    // Throws UsageError (exit 2): missing file, not a capture file, unknown format.
    static PcapSource open_file(const std::string& path);
    // Throws RunError (exit 3) with how to grant the right when capture is not permitted;
    // UsageError for an interface that does not exist.
    static PcapSource open_live(const LiveCaptureOptions& options);

    PcapSource(PcapSource&& other) noexcept;
    PcapSource& operator=(PcapSource&&) = delete;
    PcapSource(const PcapSource&) = delete;
    ~PcapSource();

    int link_type() const;
    // libpcap's name and description of the link type: "EN10MB (Ethernet)".
    std::string link_type_label() const;
    bool live() const { return live_; }
    // Compiles and installs a BPF filter; UsageError naming the filter when it is wrong.
    void set_filter(const std::string& filter);
    // The next record; `idle` when a live capture had nothing for `wait` (also on a signal);
    // `truncated` when a file ends inside a record (error() says how).
    NextStatus next(PcapRecord& record, std::chrono::milliseconds wait = std::chrono::milliseconds(200));
    const std::string& error() const { return error_; }
    // Live only: the kernel's counters since activation.
    std::optional<KernelStats> stats() const;

private:
    // A classic pcap file is read straight from a memory map (no copy per record); pcapng,
    // live captures and anything unusual go through libpcap.
    struct Mapped {
        const std::uint8_t* data = nullptr;
        std::size_t size = 0;
        std::size_t at = 0;
        std::size_t released = 0;  // pages before this were handed back (RSS stays small)
        bool swapped = false;
        bool nanoseconds = false;
        int link_type = 0;
    };
    PcapSource(pcap* handle, bool live) : handle_(handle), live_(live) {}
    static std::optional<Mapped> map_classic_pcap(const std::string& path);
    NextStatus next_mapped(PcapRecord& record);
    pcap* handle_ = nullptr;
    bool live_ = false;
    std::optional<Mapped> mapped_;
    std::string error_;
};

// The hint printed when live capture is not permitted.
std::string live_capture_permission_hint();

}  // namespace camaudit::net
