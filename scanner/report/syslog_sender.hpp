// Report events to a syslog collector (UDP or TCP) as CEF or RFC 5424, from a bounded queue
// drained by one background thread: a slow or absent collector never holds up the scan, it
// only costs dropped messages, which are counted.
#pragma once
#include <camaudit/report.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace camaudit::report {

enum class SyslogFormat { cef, rfc5424 };
SyslogFormat parse_syslog_format(std::string_view word);  // throws UsageError

struct SyslogTarget {
    bool tcp = false;
    std::string host;
    std::uint16_t port = 0;
};
// udp://HOST:PORT or tcp://HOST:PORT ([v6] in brackets); throws UsageError quoting the text.
SyslogTarget parse_syslog_url(std::string_view url);

// Pure formatting: one message per device and per finding. `hostname` is the sender's.
std::vector<std::string> syslog_messages(const Report& report, SyslogFormat format, std::string_view hostname);
std::string cef_escape_header(std::string_view text);
std::string cef_escape_value(std::string_view text);
std::string sd_escape(std::string_view text);

struct SyslogStats {
    std::uint64_t sent = 0;
    std::uint64_t dropped = 0;
    std::string error;  // empty when the collector took everything
};

class SyslogSender {
public:
    static constexpr std::size_t default_queue = 4096;
    SyslogSender(SyslogTarget target, std::size_t queue_limit = default_queue);
    ~SyslogSender();
    SyslogSender(const SyslogSender&) = delete;
    SyslogSender& operator=(const SyslogSender&) = delete;

    // Never blocks: a full queue drops the message and counts it.
    void post(std::string message);
    // Waits at most `grace` for the queue to drain, then gives up on the rest (dropped).
    SyslogStats finish(std::chrono::milliseconds grace);

private:
    void drain();

    SyslogTarget target_;
    std::size_t limit_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;
    bool closing_ = false;
    bool done_ = false;  // the worker has left
    std::atomic<bool> abandon_{false};
    SyslogStats stats_;
    std::thread worker_;
};

}  // namespace camaudit::report
