// Syslog output: CEF and RFC 5424 formatting (pure functions) and the bounded sender that
// ships them over UDP or TCP (RFC 6587 octet counting) from one background thread.
#include <report/syslog_sender.hpp>
#include <report/time_text.hpp>

#include <camaudit/error.hpp>

#include <boost/asio.hpp>
#include <charconv>
#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace camaudit::report {
namespace {

namespace asio = boost::asio;
constexpr auto connect_timeout = std::chrono::seconds(2);
constexpr int send_timeout_s = 2;
constexpr int facility_local0 = 16;
constexpr std::size_t max_value = 512;  // a device's text is capped before it reaches a SIEM

// Control bytes from a device would split or forge log lines: each becomes a space.
std::string clean(std::string_view text) {
    std::string out(text.substr(0, max_value));
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return out;
}

TimePoint event_time(const Report& r, const Device& d) {
    return d.last_seen != TimePoint{} ? d.last_seen : r.scan.finished != TimePoint{} ? r.scan.finished : r.scan.started;
}

int severity(std::string_view status) {  // syslog severity
    return status == "prohibited" ? 3 : status == "review" ? 4 : status == "waived" ? 5 : 6;
}
int cef_severity(std::string_view status) {
    return status == "prohibited" ? 8 : status == "review" ? 5 : status == "waived" ? 3 : 1;
}

std::string bsd_time(TimePoint t) {
    const auto tt = Clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&tt, &utc);
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return fmt::format("{} {:>2} {:02}:{:02}:{:02}", months[utc.tm_mon], utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields device_fields(const Report& r, const Device& d) {
    return {{"scan", r.scan.id},   {"ip", d.ip},         {"mac", d.mac},       {"hostname", d.hostname},
            {"vendor", d.vendor},  {"brand", d.brand},   {"model", d.model},   {"firmware", d.firmware},
            {"serial", d.serial},  {"type", d.device_type}, {"status", std::string(to_string(d.compliance.status))}};
}

std::string rfc5424(const Report& r, const Device& d, std::string_view host, std::string_view msgid,
                    std::string_view status, const Fields& extra, std::string_view text) {
    std::string sd = "[camaudit@32473";
    for (const auto& fields : {device_fields(r, d), extra})
        for (const auto& [k, v] : fields)
            if (!v.empty()) sd += fmt::format(" {}=\"{}\"", k, sd_escape(clean(v)));
    return fmt::format("<{}>1 {} {} camaudit {} {} {}] {}", facility_local0 * 8 + severity(status),
                       iso_utc(event_time(r, d)), host.empty() ? "-" : clean(host), getpid(), msgid, sd, clean(text));
}

std::string cef(const Report& r, const Device& d, std::string_view host, std::string_view sig, std::string_view name,
                std::string_view status, const Fields& extra) {
    const auto t = event_time(r, d);
    std::string ext = fmt::format("rt={}", std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
    const Fields base = {{"src", d.ip}, {"smac", d.mac}, {"shost", d.hostname},
                         {"cs1Label", "vendor"}, {"cs1", d.vendor}, {"cs2Label", "model"}, {"cs2", d.model},
                         {"cs3Label", "status"}, {"cs3", std::string(status)}, {"cs6Label", "scan"}, {"cs6", r.scan.id}};
    for (const auto& fields : {base, extra})
        for (const auto& [k, v] : fields)
            if (!v.empty()) ext += " " + k + "=" + cef_escape_value(clean(v));
    return fmt::format("<{}>{} {} CEF:0|camaudit|camaudit|{}|{}|{}|{}|{}", facility_local0 * 8 + severity(status),
                       bsd_time(t), host.empty() ? "localhost" : clean(host), cef_escape_header(r.tool_version),
                       cef_escape_header(sig), cef_escape_header(clean(name)), cef_severity(status), ext);
}

}  // namespace

SyslogFormat parse_syslog_format(std::string_view word) {
    if (word == "cef") return SyslogFormat::cef;
    if (word == "rfc5424") return SyslogFormat::rfc5424;
    throw UsageError("unknown syslog format '" + std::string(word) + "'; known: cef, rfc5424");
}

SyslogTarget parse_syslog_url(std::string_view url) {
    const auto bad = [&] {
        return UsageError("bad syslog address '" + std::string(url) + "'", "use udp://HOST:PORT or tcp://HOST:PORT");
    };
    SyslogTarget t;
    std::string_view rest;
    if (url.starts_with("udp://")) rest = url.substr(6);
    else if (url.starts_with("tcp://")) { rest = url.substr(6); t.tcp = true; }
    else throw bad();
    // Syslog has no login: a user:password@ part is a mistake, and the URL is not quoted back
    // (nor resolved, nor written to the report) because of what it may hold.
    if (rest.find('@') != std::string_view::npos)
        throw UsageError("the syslog address holds a user or password ('@'): syslog takes none",
                         "use udp://HOST:PORT or tcp://HOST:PORT");
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon == 0) throw bad();
    std::string_view host = rest.substr(0, colon), port = rest.substr(colon + 1);
    if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535 || host.empty()) throw bad();
    t.host = std::string(host);
    t.port = static_cast<std::uint16_t>(value);
    return t;
}

std::string cef_escape_header(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '|') out += '\\';
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
}

std::string cef_escape_value(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else {
            if (c == '\\' || c == '=') out += '\\';
            out += c;
        }
    }
    return out;
}

std::string sd_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\' || c == ']') out += '\\';
        out += c;
    }
    return out;
}

std::vector<std::string> syslog_messages(const Report& r, SyslogFormat format, std::string_view host) {
    std::vector<std::string> out;
    for (const auto& d : r.devices) {
        const std::string status(to_string(d.compliance.status));
        const std::string what = fmt::format("device {} {} {} status {}", d.ip, d.vendor, d.model, status);
        out.push_back(format == SyslogFormat::cef ? cef(r, d, host, "camaudit:device", "Device inventoried", status, {})
                                                  : rfc5424(r, d, host, "device", status, {}, what));
        for (const auto& f : d.compliance.findings) {
            const Fields extra = {{"regulation", f.policy}, {"finding", f.status}, {"title", f.title}, {"source", f.source}};
            const Fields cef_extra = {{"cs4Label", "regulation"}, {"cs4", f.policy}, {"cs5Label", "source"},
                                      {"cs5", f.source}, {"msg", f.reason}};
            out.push_back(format == SyslogFormat::cef
                              ? cef(r, d, host, "camaudit:finding:" + f.policy, f.title, f.status, cef_extra)
                              : rfc5424(r, d, host, "finding", f.status, extra, f.reason));
        }
    }
    return out;
}

SyslogSender::SyslogSender(SyslogTarget target, std::size_t queue_limit)
    : target_(std::move(target)), limit_(queue_limit), worker_([this] { drain(); }) {}

SyslogSender::~SyslogSender() {
    if (worker_.joinable()) finish(std::chrono::milliseconds(0));
}

void SyslogSender::post(std::string message) {
    {
        std::lock_guard lock(mutex_);
        if (closing_ || queue_.size() >= limit_) {
            ++stats_.dropped;
            return;
        }
        queue_.push_back(std::move(message));
    }
    wake_.notify_one();
}

SyslogStats SyslogSender::finish(std::chrono::milliseconds grace) {
    std::unique_lock lock(mutex_);
    closing_ = true;
    wake_.notify_all();
    if (!wake_.wait_for(lock, grace, [&] { return done_; })) abandon_ = true;
    lock.unlock();
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();  // bounded: connect and send have timeouts
    std::lock_guard again(mutex_);
    stats_.dropped += queue_.size();
    queue_.clear();
    return stats_;
}

namespace {

// A collector that stops reading costs at most send_timeout per message, never a hang.
void send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, send_timeout_s * 1000) <= 0) throw std::runtime_error("collector stopped reading (send timeout)");
        const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            throw std::runtime_error(std::strerror(errno));
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// One connection to the collector; send() frames per RFC 6587 (octet counting) over TCP.
class Link {
public:
    explicit Link(const SyslogTarget& t) : udp_(io_), tcp_(io_) {
        asio::ip::basic_resolver<asio::ip::tcp> resolver(io_);
        const auto found = resolver.resolve(t.host, std::to_string(t.port), asio::ip::resolver_base::numeric_service);
        if (found.empty()) throw std::runtime_error("cannot resolve " + t.host);
        const auto endpoint = found.begin()->endpoint();
        if (!t.tcp) {
            udp_.connect(asio::ip::udp::endpoint(endpoint.address(), endpoint.port()));
            return;
        }
        boost::system::error_code ec = asio::error::timed_out;
        tcp_.async_connect(endpoint, [&](boost::system::error_code e) { ec = e; });
        io_.run_for(connect_timeout);
        if (ec) throw std::runtime_error("cannot connect to " + t.host + ":" + std::to_string(t.port) + ": " + ec.message());
        tcp_.native_non_blocking(true);  // send_all() waits with its own timeout
        tcp_stream_ = true;
    }
    void send(const std::string& message) {
        if (!tcp_stream_) {
            udp_.send(asio::buffer(message));
            return;
        }
        const std::string framed = std::to_string(message.size()) + " " + message;
        send_all(tcp_.native_handle(), framed);
    }

private:
    asio::io_context io_;
    asio::ip::udp::socket udp_;
    asio::ip::tcp::socket tcp_;
    bool tcp_stream_ = false;
};

}  // namespace

void SyslogSender::drain() {
    std::unique_ptr<Link> link;
    std::string error;
    try {
        link = std::make_unique<Link>(target_);
    } catch (const std::exception& e) {
        error = std::string("syslog collector unreachable: ") + e.what();
    }
    std::unique_lock lock(mutex_);
    if (!error.empty()) stats_.error = error;
    while (true) {
        wake_.wait(lock, [&] { return !queue_.empty() || closing_ || abandon_; });
        if (abandon_ || (queue_.empty() && closing_)) break;
        std::string message = std::move(queue_.front());
        queue_.pop_front();
        if (!link) { ++stats_.dropped; continue; }
        lock.unlock();
        try {
            link->send(message);
            error.clear();
        } catch (const std::exception& e) {
            error = std::string("syslog send failed: ") + e.what();
        }
        lock.lock();
        if (error.empty()) ++stats_.sent;
        else { ++stats_.dropped; stats_.error = error; if (target_.tcp) link.reset(); }
    }
    done_ = true;
    wake_.notify_all();
}

}  // namespace camaudit::report
