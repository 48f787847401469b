// Proves a real rsyslog (started here on loopback ports, own config and work folder) receives
// the RFC 5424 and CEF messages over UDP and TCP as SIEMs parse them, that device text cannot
// forge a line, and that an unreachable collector is reported, quickly, with every message counted as dropped.
#include <report/syslog_sender.hpp>

#include <camaudit/error.hpp>

#include "../policy/temp_dir.hpp"
#include "sample_report.hpp"

#include <boost/asio.hpp>
#include <csignal>
#include <fmt/format.h>
#include <sstream>
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
const char* rsyslogd = "/usr/sbin/rsyslogd";

std::uint16_t free_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

bool tcp_open(std::uint16_t port) {
    asio::io_context io;
    asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

// rsyslogd in the foreground as our child, writing every message raw to out.log.
class Rsyslog {
public:
    explicit Rsyslog(const camaudit::test::TempDir& dir) : port(free_port()), out(dir.path() / "out.log") {
        std::filesystem::create_directories(dir.path() / "work");
        const auto conf = dir.path() / "rsyslog.conf";
        camaudit::test::write_file(conf, fmt::format(
            "global(workDirectory=\"{0}/work\")\nmodule(load=\"imudp\")\nmodule(load=\"imtcp\")\n"
            "input(type=\"imudp\" address=\"127.0.0.1\" port=\"{1}\")\ninput(type=\"imtcp\" address=\"127.0.0.1\" port=\"{1}\")\n"
            "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")\n"
            "*.* action(type=\"omfile\" file=\"{2}\" template=\"raw\")\n", dir.path().string(), port, out.string()));
        const auto pidfile = (dir.path() / "rsyslogd.pid").string();
        pid_ = fork();
        if (pid_ == 0) {
            execl(rsyslogd, rsyslogd, "-n", "-f", conf.c_str(), "-i", pidfile.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 100 && !tcp_open(port); ++i) std::this_thread::sleep_for(100ms);
    }
    ~Rsyslog() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }
    // Waits until the output holds `lines` lines (rsyslog writes asynchronously).
    std::vector<std::string> lines(std::size_t want) const {
        std::vector<std::string> got;
        for (int i = 0; i < 100; ++i) {
            got.clear();
            std::istringstream in(camaudit::test::read_file(out));
            for (std::string l; std::getline(in, l);) got.push_back(l);
            if (got.size() >= want) break;
            std::this_thread::sleep_for(100ms);
        }
        return got;
    }
    std::uint16_t port;
    std::filesystem::path out;

private:
    pid_t pid_ = -1;
};

camaudit::report::SyslogStats send(const std::string& url, camaudit::report::SyslogFormat format,
                                   const camaudit::Report& report) {
    camaudit::report::SyslogSender sender(camaudit::report::parse_syslog_url(url));
    for (auto& m : camaudit::report::syslog_messages(report, format, "auditor-1")) sender.post(std::move(m));
    return sender.finish(5s);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("syslog: rsyslog receives RFC 5424 over UDP and CEF over TCP, field by field") {
    if (access(rsyslogd, X_OK) != 0) {
        MESSAGE("rsyslogd not installed (apt-get install rsyslog); skipping the real-collector test");
        return;
    }
    camaudit::test::TempDir dir;
    Rsyslog collector(dir);
    REQUIRE(tcp_open(collector.port));
    auto report = camaudit::test::sample_report();
    report.devices[1].hostname = "cam\nFORGED LINE";
    const auto udp = send(fmt::format("udp://127.0.0.1:{}", collector.port), camaudit::report::SyslogFormat::rfc5424, report);
    CHECK(udp.sent == 4);
    CHECK(udp.dropped == 0);
    CHECK(udp.error.empty());
    const auto tcp = send(fmt::format("tcp://127.0.0.1:{}", collector.port), camaudit::report::SyslogFormat::cef, report);
    CHECK(tcp.sent == 4);
    CHECK(tcp.error.empty());

    const auto lines = collector.lines(8);
    REQUIRE(lines.size() == 8);
    std::string rfc, cef;
    for (const auto& l : lines) (has(l, "CEF:0|") ? cef : rfc) += l + "\n";
    CHECK(has(rfc, "<131>1 2026-01-01T00:01:15Z auditor-1 camaudit "));
    CHECK(has(rfc, " finding [camaudit@32473 scan=\"scan-0001\" ip=\"10.20.0.5\" mac=\"44:47:cc:01:02:03\" vendor=\"Hikvision\""));
    CHECK(has(rfc, "regulation=\"us-ndaa-889\" finding=\"prohibited\""));
    CHECK(has(rfc, "<134>1 "));  // the allowed Axis: local0.info
    CHECK(has(rfc, "hostname=\"cam FORGED LINE\""));
    CHECK(has(cef, "CEF:0|camaudit|camaudit|0.1.0|camaudit:finding:us-ndaa-889|"));
    CHECK(has(cef, "|8|rt=1767225675000 src=10.20.0.5 smac=44:47:cc:01:02:03 cs1Label=vendor cs1=Hikvision"));
    CHECK(has(cef, "cs4Label=regulation cs4=us-ndaa-889"));
    CHECK(has(cef, "shost=cam FORGED LINE"));
    for (const auto& l : lines) CHECK_FALSE(l.starts_with("FORGED"));
}

TEST_CASE("syslog: an unreachable TCP collector is an error, quickly, and every message is counted dropped") {
    const auto port = free_port();  // nothing listens here
    const auto start = std::chrono::steady_clock::now();
    const auto stats = send(fmt::format("tcp://127.0.0.1:{}", port), camaudit::report::SyslogFormat::rfc5424,
                            camaudit::test::sample_report());
    CHECK(std::chrono::steady_clock::now() - start < 4s);
    CHECK(stats.sent == 0);
    CHECK(stats.dropped == 4);
    CHECK(has(stats.error, "unreachable"));
}

TEST_CASE("syslog: a full queue drops and counts instead of waiting") {
    camaudit::report::SyslogSender sender(camaudit::report::parse_syslog_url("tcp://127.0.0.1:9"), 2);
    for (int i = 0; i < 50; ++i) sender.post("m");
    const auto stats = sender.finish(5s);
    CHECK(stats.sent == 0);
    CHECK(stats.dropped == 50);
}

TEST_CASE("syslog: addresses, formats and escaping") {
    using namespace camaudit::report;
    CHECK(parse_syslog_url("udp://127.0.0.1:514").port == 514);
    CHECK(parse_syslog_url("tcp://[::1]:6514").host == "::1");
    CHECK(parse_syslog_url("tcp://[::1]:6514").tcp);
    CHECK_THROWS_AS(parse_syslog_url("http://127.0.0.1:514"), camaudit::UsageError);
    CHECK_THROWS_AS(parse_syslog_url("udp://127.0.0.1:99999"), camaudit::UsageError);
    CHECK_THROWS_AS(parse_syslog_format("leef"), camaudit::UsageError);
    CHECK(cef_escape_header("a|b\\c") == "a\\|b\\\\c");
    CHECK(cef_escape_value("k=v\\x\ny") == "k\\=v\\\\x\\ny");
    CHECK(sd_escape("a\"b]c\\") == "a\\\"b\\]c\\\\");
}
