// Proves that each hostile lab device (tests/lab/hostile/*.json, profile field `behaviour`)
// misbehaves on real loopback sockets exactly as tests/lab/README.md says, and that every
// hostile stream ends, without spinning, once the client goes away.
#include "lab_test_support.hpp"

#include <camaudit/error.hpp>
#include <lab/responses.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace lab = camaudit::lab;
using lab::test::ScratchDir;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::filesystem::path hostile_dir = std::filesystem::path(CAMAUDIT_SOURCE_LAB_DIR) / ".." / "hostile";
const std::string get_root = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

// The six shipped hostile profiles, started; `address(id)` finds where each one lives.
struct HostileLab {
    std::unique_ptr<lab::Lab> running;
    HostileLab() {
        lab::test::ensure_private_namespace();
        running = std::make_unique<lab::Lab>(lab::load_profiles(hostile_dir));
        running->start();
    }
    std::string address(const std::string& id) const {
        for (const auto& place : running->placements())
            if (place.id == id) return place.address.to_string();
        FAIL("no hostile profile " << id);
        return {};
    }
};

// What a read saw: the bytes, and how the stream ended (if it did within the wait).
struct Received {
    std::string bytes;
    bool closed = false;  // orderly end (FIN)
    bool reset = false;   // ECONNRESET
};

// A blocking loopback client on plain POSIX sockets, sharing no code with the lab.
class Client {
public:
    Client(const std::string& address, std::uint16_t port) {
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in peer{};
        peer.sin_family = AF_INET;
        peer.sin_port = htons(port);
        REQUIRE(inet_pton(AF_INET, address.c_str(), &peer.sin_addr) == 1);
        REQUIRE(connect(fd_, reinterpret_cast<const sockaddr*>(&peer), sizeof peer) == 0);
    }
    ~Client() { close_now(); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    void send_text(const std::string& text) const {
        REQUIRE(send(fd_, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
    }
    // Reads for at most `wait`, stopping early at `cap` bytes or at the end of the stream.
    Received read_for(std::chrono::milliseconds wait, std::size_t cap = 1 << 20) const {
        Received got;
        std::array<char, 65536> chunk{};
        const auto until = Clock::now() + wait;
        while (got.bytes.size() < cap && Clock::now() < until) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
            pollfd wait_for{fd_, POLLIN, 0};
            if (poll(&wait_for, 1, static_cast<int>(left.count()) + 1) != 1) continue;
            const auto n = read(fd_, chunk.data(), std::min(chunk.size(), cap - got.bytes.size()));
            if (n > 0) {
                got.bytes.append(chunk.data(), static_cast<std::size_t>(n));
                continue;
            }
            got.closed = n == 0;
            got.reset = n < 0 && errno == ECONNRESET;
            break;
        }
        return got;
    }
    void close_now() {
        if (fd_ >= 0) close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

// Waits until this process (which runs the lab) holds `fds` descriptors again, i.e. the lab
// closed its side of every connection; returns how long that took, or nullopt after `limit`.
std::optional<std::chrono::milliseconds> lab_lets_go(int fds, std::chrono::milliseconds limit) {
    const auto start = Clock::now();
    while (Clock::now() - start < limit) {
        if (lab::test::count_open_fds() == fds)
            return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        std::this_thread::sleep_for(50ms);
    }
    return std::nullopt;
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
        static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

TEST_CASE("lab: each hostile profile loads, with one behaviour per profile and every port hostile") {
    const auto profiles = lab::load_profiles(hostile_dir);
    std::size_t behaving = 0;  // the others are normal devices with hostile answers (XML, redirects)
    for (const auto& profile : profiles) {
        INFO(profile.id);
        if (!profile.data.contains("behaviour")) continue;
        ++behaving;
        const auto behaviour = profile.data.at("behaviour").get<std::string>();
        CHECK(lab::behaviour_named(behaviour).has_value());
        auto dashed = behaviour;
        std::replace(dashed.begin(), dashed.end(), '_', '-');
        CHECK(profile.id == "hostile-" + dashed);  // one profile per behaviour, named after it
        CHECK(profile.data.at("truth").at("hostile") == true);
        CHECK(profile.tcp_ports == std::vector<std::uint16_t>{80, 443, 554, 8000});
    }
    CHECK(behaving == 7);
}

TEST_CASE("lab: the default device folder holds no hostile device") {
    for (const auto& profile : lab::load_profiles(CAMAUDIT_SOURCE_LAB_DIR)) {
        INFO(profile.id);
        CHECK_FALSE(profile.data.contains("behaviour"));
    }
}

TEST_CASE("lab: an unknown behaviour is a DataError naming the file and the field") {
    ScratchDir dir;
    dir.write("odd.json", R"({"id": "odd", "behaviour": "explode", "open_tcp_ports": [80]})");
    try {
        lab::load_profiles(dir.path());
        FAIL("expected a DataError");
    } catch (const camaudit::DataError& error) {
        const std::string message = error.what();
        CHECK(message.find("odd.json") != std::string::npos);
        CHECK(message.find("behaviour must be one of drip, huge_header") != std::string::npos);
    }
}

TEST_CASE("lab: drip sends a status line, then one byte per second, and stops when the client leaves") {
    HostileLab hostile;
    const int fds = lab::test::count_open_fds();
    Client client(hostile.address("hostile-drip"), 80);
    client.send_text(get_root);
    const auto first = client.read_for(800ms);
    CHECK(first.bytes == "HTTP/1.1 200 OK\r\n");
    const auto more = client.read_for(3500ms);  // bytes due at about 1, 2 and 3 s
    CHECK_FALSE(more.closed);
    CHECK(more.bytes.size() >= 2);
    CHECK(more.bytes.size() <= 4);
    CHECK(std::string("X-Drip: 1\r\n").starts_with(more.bytes));
    client.close_now();
    const auto released = lab_lets_go(fds, 4s);  // the second write after the close fails
    CHECK(released.has_value());
}

TEST_CASE("lab: drip drips on every open port, not only the HTTP one") {
    HostileLab hostile;
    Client client(hostile.address("hostile-drip"), 8000);
    client.send_text("\x01\x02\r\n\r\n");
    CHECK(client.read_for(800ms).bytes == "HTTP/1.1 200 OK\r\n");
}

TEST_CASE("lab: huge_header answers with one 4 MiB header line, then closes") {
    HostileLab hostile;
    Client client(hostile.address("hostile-huge-header"), 80);
    client.send_text(get_root);
    const auto got = client.read_for(10s, 5 << 20);
    CHECK(got.closed);
    REQUIRE(got.bytes.starts_with("HTTP/1.1 200 OK\r\nX-Huge: aaaa"));
    const auto line_end = got.bytes.find("\r\n", 17);
    CHECK(line_end - 17 == std::string("X-Huge: ").size() + 4 * 1024 * 1024);
    CHECK(got.bytes.ends_with("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
}

TEST_CASE("lab: huge_header stops writing when the client leaves half way") {
    HostileLab hostile;
    const int fds = lab::test::count_open_fds();
    Client client(hostile.address("hostile-huge-header"), 80);
    client.send_text(get_root);
    CHECK(client.read_for(2s, 64 * 1024).bytes.size() == 64 * 1024);
    client.close_now();
    CHECK(lab_lets_go(fds, 3s).has_value());
}

TEST_CASE("lab: huge_xml announces and sends 32 MiB of ever deeper XML, then closes") {
    HostileLab hostile;
    Client client(hostile.address("hostile-huge-xml"), 80);
    client.send_text(get_root);
    const auto got = client.read_for(20s, 40 << 20);
    CHECK(got.closed);
    const auto head_end = got.bytes.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    const std::string announced = "Content-Length: " + std::to_string(got.bytes.size() - head_end - 4) + "\r\n";
    CHECK(got.bytes.substr(0, head_end + 2).find(announced) != std::string::npos);
    CHECK(got.bytes.size() - head_end - 4 > 32u * 1024 * 1024);
    CHECK(got.bytes.find("<s:Envelope") != std::string::npos);
    CHECK(got.bytes.ends_with("<aa><aa>"));
}

TEST_CASE("lab: endless_body streams a chunked body on the HTTP port for as long as it is read") {
    HostileLab hostile;
    const int fds = lab::test::count_open_fds();
    Client client(hostile.address("hostile-endless-body"), 80);
    client.send_text(get_root);
    const auto start = Clock::now();
    const auto got = client.read_for(20s, 16 << 20);
    CHECK(Clock::now() - start < 10s);  // as fast as the socket takes it
    REQUIRE(got.bytes.size() == 16 << 20);
    const auto head_end = got.bytes.find("\r\n\r\n");
    const auto head = got.bytes.substr(0, head_end);
    CHECK(head.find("Transfer-Encoding: chunked") != std::string::npos);
    CHECK(head.find("Content-Length") == std::string::npos);
    CHECK(got.bytes.substr(head_end + 4, 7) == "10000\r\n");
    client.close_now();
    CHECK(lab_lets_go(fds, 3s).has_value());
    const double cpu_before = cpu_seconds();  // nothing left running: the lab idles
    std::this_thread::sleep_for(1s);
    CHECK(cpu_seconds() - cpu_before < 0.2);
}

TEST_CASE("lab: endless_body is close-delimited, with no length at all, on other ports") {
    HostileLab hostile;
    Client client(hostile.address("hostile-endless-body"), 8000);
    client.send_text(get_root);
    const auto got = client.read_for(10s, 1 << 20);
    REQUIRE(got.bytes.size() == 1 << 20);
    const auto head = got.bytes.substr(0, got.bytes.find("\r\n\r\n"));
    CHECK(head == "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close");
}

TEST_CASE("lab: garbage sends random bytes as soon as the connection opens, then closes") {
    HostileLab hostile;
    Client first(hostile.address("hostile-garbage"), 80);
    const auto one = first.read_for(3s);  // nothing sent: the device speaks first
    CHECK(one.closed);
    CHECK(one.bytes.size() == 4096);
    CHECK_FALSE(one.bytes.starts_with("HTTP/"));
    Client second(hostile.address("hostile-garbage"), 80);
    second.send_text(get_root);
    const auto two = second.read_for(3s);
    CHECK(two.closed);
    CHECK(two.bytes.size() == 4096);
    CHECK(two.bytes != one.bytes);
}

TEST_CASE("lab: reset reads the request and answers with a TCP reset") {
    HostileLab hostile;
    const int fds = lab::test::count_open_fds();
    Client client(hostile.address("hostile-reset"), 80);
    client.send_text(get_root);
    const auto got = client.read_for(3s);
    CHECK(got.reset);
    CHECK(got.bytes.empty());
    client.close_now();
    CHECK(lab_lets_go(fds, 1s).has_value());
}

TEST_CASE("lab: silent accepts and never answers, holding the connection until the client closes") {
    HostileLab hostile;
    const int fds = lab::test::count_open_fds();
    Client client(hostile.address("hostile-silent"), 80);
    client.send_text(get_root);
    const auto got = client.read_for(4s);  // longer than any idle timeout of a normal port
    CHECK(got.bytes.empty());
    CHECK_FALSE(got.closed);
    CHECK_FALSE(got.reset);
    CHECK(lab::test::count_open_fds() == fds + 2);  // both ends still open
    client.close_now();
    CHECK(lab_lets_go(fds, 2s).has_value());
}
