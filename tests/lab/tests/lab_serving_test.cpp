// Proves that a running lab (inside the test's own private network namespace) answers as its
// profiles say on real loopback sockets — HTTP, HTTPS, RTSP, banners — refuses everything
// else, and starts and stops cleanly again and again.
#include "lab_test_support.hpp"

#include <camaudit/error.hpp>

#include <doctest/doctest.h>

#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lab = camaudit::lab;
using lab::test::ScratchDir;

namespace {

// A started lab of the three sample profiles: alpha-cam 127.0.1.1, beta-nvr 127.0.1.2,
// gamma-hub 127.0.1.3 (no ports).
struct SampleLab {
    ScratchDir dir;
    std::unique_ptr<lab::Lab> running;
    SampleLab() {
        lab::test::ensure_private_namespace();
        lab::test::write_sample_profiles(dir);
        running = std::make_unique<lab::Lab>(lab::load_profiles(dir.path()));
        running->start();
    }
};

const std::string get_root = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

}  // namespace

TEST_CASE("lab: HTTP answers on the right address and port with exact header case and body") {
    SampleLab sample;
    const auto alpha = lab::test::tcp_exchange("127.0.1.1", 80, get_root);
    REQUIRE(alpha.connected);
    CHECK(alpha.bytes ==
          "HTTP/1.1 200 OK\r\nServer: App-webs/\r\nCONNECTION: close\r\ncontent-length: 20\r\n\r\n<title>alpha</title>");
    const auto beta = lab::test::tcp_exchange("127.0.1.2", 80, get_root);
    CHECK(beta.bytes.starts_with("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"beta\"\r\n"));
}

TEST_CASE("lab: HTTP matches the path with its query exactly and answers 404 otherwise") {
    SampleLab sample;
    const auto query = lab::test::tcp_exchange("127.0.1.1", 80, "GET /info?x=1 HTTP/1.0\r\n\r\n");
    CHECK(query.bytes.ends_with("\r\n\r\nquery"));
    const auto other = lab::test::tcp_exchange("127.0.1.1", 80, "GET /info?x=2 HTTP/1.0\r\n\r\n");
    CHECK(other.bytes.starts_with("HTTP/1.1 404 Not Found\r\n"));
    const auto tls_only = lab::test::tcp_exchange("127.0.1.1", 80, "GET /secure HTTP/1.0\r\n\r\n");
    CHECK(tls_only.bytes.starts_with("HTTP/1.1 404 Not Found\r\n"));
}

TEST_CASE("lab: HTTP keeps a connection open for a second request when allowed") {
    SampleLab sample;
    const std::string two = "GET /info?x=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /info?x=1 HTTP/1.1\r\nHost: x\r\n\r\n";
    const auto reply = lab::test::tcp_exchange("127.0.1.1", 80, two, 500);
    CHECK(reply.bytes.find("query") != reply.bytes.rfind("query"));
}

TEST_CASE("lab: HTTPS serves the profile over TLS with the profile's certificate subject") {
    SampleLab sample;
    const auto reply = lab::test::tls_exchange("127.0.1.1", 443, "GET /secure HTTP/1.0\r\n\r\n");
    REQUIRE(reply.handshake);
    CHECK(reply.subject == "CN=alpha-cam.local,O=Alpha Cameras Ltd,C=GB");
    CHECK(reply.bytes == "HTTP/1.1 200 OK\r\nX-Alpha: tls\r\nContent-Length: 8\r\n\r\nover tls");
}

TEST_CASE("lab: RTSP OPTIONS echoes the CSeq and DESCRIBE answers unauthenticated") {
    SampleLab sample;
    const auto reply = lab::test::tcp_exchange(
        "127.0.1.1", 554,
        "OPTIONS rtsp://127.0.1.1:554/ RTSP/1.0\r\nCSeq: 5\r\n\r\nDESCRIBE rtsp://127.0.1.1:554/ RTSP/1.0\r\nCSeq: 6\r\n\r\n",
        500);
    CHECK(reply.bytes ==
          "RTSP/1.0 200 OK\r\nCSeq: 5\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n"
          "RTSP/1.0 401 Unauthorized\r\nCSeq: 6\r\nWWW-Authenticate: Digest realm=\"alpha\"\r\n"
          "WWW-Authenticate: Basic realm=\"/\"\r\n\r\n");
}

TEST_CASE("lab: port 8000 replies the banner, other open ports accept and stay silent") {
    SampleLab sample;
    const auto banner = lab::test::tcp_exchange("127.0.1.1", 8000, "hello", 500);
    CHECK(banner.bytes == std::string("\x00\x00\x00\x10\x00\x00\x00\x1e", 8));
    const auto sink = lab::test::tcp_exchange("127.0.1.1", 9999, "hello", 500);
    CHECK(sink.connected);
    CHECK(sink.bytes.empty());
}

TEST_CASE("lab: closed ports, portless devices and unplaced addresses refuse") {
    SampleLab sample;
    CHECK_FALSE(lab::test::tcp_exchange("127.0.1.1", 81, "").connected);
    CHECK_FALSE(lab::test::tcp_exchange("127.0.1.2", 554, "").connected);
    CHECK_FALSE(lab::test::tcp_exchange("127.0.1.3", 80, "").connected);
    CHECK_FALSE(lab::test::tcp_exchange("127.0.1.4", 80, "").connected);
}

TEST_CASE("lab: oversized requests are dropped and silent clients are cut off after the idle timeout") {
    SampleLab sample;
    const auto oversized = lab::test::tcp_exchange(
        "127.0.1.1", 80, "GET / HTTP/1.1\r\nX-Fill: " + std::string(20000, 'a') + "\r\n\r\n", 2000);
    CHECK(oversized.connected);
    CHECK(oversized.bytes.empty());
    const auto started = std::chrono::steady_clock::now();
    const auto silent = lab::test::tcp_exchange("127.0.1.1", 9999, "", 6000);
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(silent.connected);
    CHECK(waited > std::chrono::milliseconds(2500));
    CHECK(waited < std::chrono::milliseconds(4500));
}

TEST_CASE("lab: the lab starts and stops cleanly ten times, leaking no threads or descriptors") {
    lab::test::ensure_private_namespace();
    ScratchDir dir;
    lab::test::write_sample_profiles(dir);
    const int fds = lab::test::count_open_fds();
    const int threads = lab::test::count_threads();
    for (int round = 0; round < 10; ++round) {
        lab::Lab the_lab(lab::load_profiles(dir.path()));
        the_lab.start();
        CHECK(lab::test::count_threads() == threads + 1);
        CHECK(lab::test::tcp_exchange("127.0.1.2", 80, get_root, 200).bytes.starts_with("HTTP/1.1 401"));
        const auto open = lab::test::tcp_exchange("127.0.1.1", 9999, "", 10);  // left hanging at stop
        CHECK(open.connected);
        the_lab.stop();
        CHECK_FALSE(lab::test::tcp_exchange("127.0.1.2", 80, "").connected);
    }
    CHECK(lab::test::count_open_fds() == fds);
    CHECK(lab::test::count_threads() == threads);
}

TEST_CASE("lab: a port that cannot be bound fails start naming device, address and port") {
    lab::test::ensure_private_namespace();
    ScratchDir dir;
    lab::test::write_sample_profiles(dir);
    const int blocker = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in where{};
    where.sin_family = AF_INET;
    where.sin_port = htons(554);
    inet_pton(AF_INET, "127.0.1.1", &where.sin_addr);
    REQUIRE(bind(blocker, reinterpret_cast<const sockaddr*>(&where), sizeof where) == 0);
    REQUIRE(listen(blocker, 1) == 0);
    lab::Lab the_lab(lab::load_profiles(dir.path()));
    std::string message;
    try {
        the_lab.start();
    } catch (const camaudit::RunError& e) {
        message = e.what();
    }
    close(blocker);
    CHECK(message.find("device alpha-cam at 127.0.1.1 port 554") != std::string::npos);
    CHECK_FALSE(lab::test::tcp_exchange("127.0.1.1", 80, "").connected);  // nothing half-started
}
