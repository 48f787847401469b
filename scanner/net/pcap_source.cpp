// libpcap behind PcapSource (pcap_source.hpp): offline files, live interfaces, the record loop.
#include <net/pcap_source.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>
#include <pcap/pcap.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace camaudit::net {
namespace {

TimePoint time_of(const pcap_pkthdr& header) {
    return TimePoint(std::chrono::seconds(header.ts.tv_sec) + std::chrono::microseconds(header.ts.tv_usec));
}

// Activation problems that name a fix; everything else is a plain run failure.
[[noreturn]] void activation_failed(pcap_t* handle, int status, const std::string& interface) {
    const std::string detail = pcap_geterr(handle);
    pcap_close(handle);
    if (status == PCAP_ERROR_PERM_DENIED || (status == PCAP_ERROR && detail.find("ermission") != std::string::npos))
        throw RunError(fmt::format("no permission to capture on {}: {}\ncamaudit: hint: {}", interface, detail,
                                   live_capture_permission_hint()));
    if (status == PCAP_ERROR_NO_SUCH_DEVICE)
        throw UsageError(fmt::format("no such interface '{}' for capture: {}", interface, detail),
                         "list interfaces with 'ip link'");
    throw RunError(fmt::format("cannot capture on {}: {} ({})", interface, detail, pcap_statustostr(status)));
}

constexpr std::size_t file_header_bytes = 24, record_header_bytes = 16;
constexpr std::uint32_t max_record_bytes = 262144;  // libpcap's largest snap length
constexpr std::size_t release_step = 64 << 20;       // a multiple of the page size

std::uint32_t read32(const std::uint8_t* at, bool swapped) {
    std::uint32_t value;
    std::memcpy(&value, at, 4);
    return swapped ? __builtin_bswap32(value) : value;
}

}  // namespace

std::string live_capture_permission_hint() {
    return "live capture needs CAP_NET_RAW: run with sudo, or grant it once with "
           "'sudo setcap cap_net_raw,cap_net_admin+eip $(command -v camaudit)'";
}

PcapSource PcapSource::open_file(const std::string& path) {
    if (!std::filesystem::exists(path)) throw UsageError(fmt::format("capture file '{}' does not exist", path));
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_open_offline(path.c_str(), error);
    if (handle == nullptr)
        throw UsageError(fmt::format("'{}' is not a readable pcap or pcapng capture file: {}", path, error),
                         "camaudit passive --read takes files written by tcpdump, tshark, dumpcap or Wireshark");
    PcapSource source(handle, false);
    source.mapped_ = map_classic_pcap(path);
    return source;
}

std::optional<PcapSource::Mapped> PcapSource::map_classic_pcap(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat info {};
    void* data = MAP_FAILED;
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) >= file_header_bytes)
        data = mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) return std::nullopt;
    Mapped mapped{static_cast<const std::uint8_t*>(data), static_cast<std::size_t>(info.st_size), file_header_bytes, 0};
    const std::uint32_t magic = read32(mapped.data, false);
    mapped.swapped = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
    mapped.nanoseconds = magic == 0xa1b23c4d || magic == 0x4d3cb2a1;
    if (!mapped.swapped && magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {  // pcapng: libpcap reads it
        munmap(data, mapped.size);
        return std::nullopt;
    }
    mapped.link_type = static_cast<int>(read32(mapped.data + 20, mapped.swapped) & 0x03ffffff);
    madvise(data, mapped.size, MADV_SEQUENTIAL);
    return mapped;
}

NextStatus PcapSource::next_mapped(PcapRecord& record) {
    Mapped& m = *mapped_;
    if (m.at == m.size) return NextStatus::end;
    if (m.size - m.at < record_header_bytes) {
        error_ = fmt::format("the file ends inside a record header ({} of 16 bytes)", m.size - m.at);
        return NextStatus::truncated;
    }
    const std::uint8_t* header = m.data + m.at;
    const std::uint32_t captured = read32(header + 8, m.swapped);
    if (captured > max_record_bytes || captured > m.size - m.at - record_header_bytes) {
        error_ = captured > max_record_bytes
                     ? fmt::format("a record claims {} bytes, more than any capture holds", captured)
                     : fmt::format("the file ends inside a record of {} bytes", captured);
        return NextStatus::truncated;
    }
    const std::uint32_t fraction = read32(header + 4, m.swapped);
    record.time = TimePoint(std::chrono::seconds(read32(header, m.swapped)) +
                            std::chrono::duration_cast<TimePoint::duration>(m.nanoseconds ? std::chrono::nanoseconds(fraction)
                                                                                          : std::chrono::microseconds(fraction)));
    record.bytes = {header + record_header_bytes, captured};
    record.wire_length = std::max(read32(header + 12, m.swapped), captured);
    m.at += record_header_bytes + captured;
    if (m.at - m.released > release_step) {  // records already handed out are never read again
        const std::size_t upto = (m.at - record_header_bytes - captured) & ~(release_step - 1);
        if (upto > m.released) madvise(const_cast<std::uint8_t*>(m.data) + m.released, upto - m.released, MADV_DONTNEED);
        m.released = std::max(m.released, upto);
    }
    return NextStatus::record;
}

PcapSource PcapSource::open_live(const LiveCaptureOptions& options) {
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_create(options.interface.c_str(), error);
    if (handle == nullptr) throw RunError(fmt::format("cannot capture on {}: {}", options.interface, error));
    pcap_set_snaplen(handle, options.snaplen);
    pcap_set_promisc(handle, options.promiscuous ? 1 : 0);
    pcap_set_immediate_mode(handle, 1);  // discovery traffic is sparse: no batching delay
    pcap_set_buffer_size(handle, options.buffer_bytes);
    pcap_set_timeout(handle, 100);
    const int status = pcap_activate(handle);
    if (status < 0) activation_failed(handle, status, options.interface);
    if (pcap_setnonblock(handle, 1, error) != 0) {
        pcap_close(handle);
        throw RunError(fmt::format("cannot capture on {}: {}", options.interface, error));
    }
    return PcapSource(handle, true);
}

PcapSource::PcapSource(PcapSource&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), live_(other.live_),
      mapped_(std::exchange(other.mapped_, std::nullopt)), error_(std::move(other.error_)) {}

PcapSource::~PcapSource() {
    if (handle_ != nullptr) pcap_close(handle_);
    if (mapped_) munmap(const_cast<std::uint8_t*>(mapped_->data), mapped_->size);
}

int PcapSource::link_type() const { return mapped_ ? mapped_->link_type : pcap_datalink(handle_); }

std::string PcapSource::link_type_label() const {
    const int link = link_type();
    const char* name = pcap_datalink_val_to_name(link);
    const char* description = pcap_datalink_val_to_description(link);
    return fmt::format("{} {}({})", link, name ? std::string(name) + " " : "", description ? description : "unknown");
}

void PcapSource::set_filter(const std::string& filter) {
    if (mapped_) {  // BPF runs inside libpcap: a filtered file is read through it
        munmap(const_cast<std::uint8_t*>(mapped_->data), mapped_->size);
        mapped_.reset();
    }
    bpf_program program{};
    if (pcap_compile(handle_, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
        throw UsageError(fmt::format("capture filter '{}' does not compile: {}", filter, pcap_geterr(handle_)),
                         "see pcap-filter(7) for the syntax");
    const int status = pcap_setfilter(handle_, &program);
    pcap_freecode(&program);
    if (status != 0) throw RunError(fmt::format("cannot install capture filter: {}", pcap_geterr(handle_)));
}

NextStatus PcapSource::next(PcapRecord& record, std::chrono::milliseconds wait) {
    if (mapped_) return next_mapped(record);
    pcap_pkthdr* header = nullptr;
    const std::uint8_t* data = nullptr;
    int status = pcap_next_ex(handle_, &header, &data);
    if (status == 0 && live_) {
        pollfd descriptor{pcap_get_selectable_fd(handle_), POLLIN, 0};
        if (poll(&descriptor, 1, static_cast<int>(wait.count())) <= 0) return NextStatus::idle;
        status = pcap_next_ex(handle_, &header, &data);
    }
    if (status == 1) {
        record.bytes = {data, header->caplen};
        record.wire_length = header->len;
        record.time = time_of(*header);
        return NextStatus::record;
    }
    if (status == 0) return NextStatus::idle;
    if (status == PCAP_ERROR_BREAK) return NextStatus::end;
    error_ = pcap_geterr(handle_);
    return live_ ? NextStatus::end : NextStatus::truncated;
}

std::optional<KernelStats> PcapSource::stats() const {
    pcap_stat counters{};
    if (!live_ || pcap_stats(handle_, &counters) != 0) return std::nullopt;
    return KernelStats{counters.ps_recv, counters.ps_drop, counters.ps_ifdrop};
}

}  // namespace camaudit::net
