// Implements the lab tests' helpers with plain POSIX sockets and OpenSSL, so the tests check
// the lab with a client that shares none of its code.
#include "lab_test_support.hpp"

#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace camaudit::lab::test {
namespace {

constexpr std::size_t reply_cap = 1 << 20;

// A connected socket, or -1 when the connection is refused.
int connect_to(const std::string& address, std::uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(port);
    REQUIRE(inet_pton(AF_INET, address.c_str(), &peer.sin_addr) == 1);
    timeval timeout{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&peer), sizeof peer) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::string read_until_quiet(int fd, int quiet_ms) {
    std::string bytes;
    std::array<char, 4096> chunk{};
    pollfd wait{fd, POLLIN, 0};
    while (bytes.size() < reply_cap && poll(&wait, 1, quiet_ms) == 1) {
        const auto n = read(fd, chunk.data(), chunk.size());
        if (n <= 0) break;
        bytes.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return bytes;
}

std::string subject_of(SSL* ssl) {
    X509* cert = SSL_get1_peer_certificate(ssl);
    if (cert == nullptr) return {};
    BIO* out = BIO_new(BIO_s_mem());
    // RFC 2253 escaping, but in certificate order (RFC 2253 alone would reverse it).
    X509_NAME_print_ex(out, X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~XN_FLAG_DN_REV);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    std::string subject(data, static_cast<std::size_t>(size));
    BIO_free(out);
    X509_free(cert);
    return subject;
}

}  // namespace

void ensure_private_namespace() {
    if (!in_private_network_namespace()) enter_private_network_namespace();
}

ScratchDir::ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "camaudit-lab-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void ScratchDir::write(const std::string& name, const std::string& text) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << text;
    REQUIRE(out.good());
}

void write_sample_profiles(const ScratchDir& dir) {
    dir.write("alpha-cam.json", R"({
  "id": "alpha-cam", "vendor": "Alpha", "mac": "00:11:22:33:44:55",
  "open_tcp_ports": [80, 443, 554, 8000, 9999], "http_ports": [80], "https_ports": [443],
  "http": [
    {"method": "GET", "path": "/", "status": 200,
     "headers": {"Server": "App-webs/", "CONNECTION": "close", "content-length": "999"},
     "body": "<title>alpha</title>"},
    {"method": "GET", "path": "/info?x=1", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "query"},
    {"method": "GET", "path": "/secure", "tls": true, "status": 200, "headers": {"X-Alpha": "tls"}, "body": "over tls"}
  ],
  "rtsp_options": {"status": 200, "headers": {"CSeq": "1", "Public": "OPTIONS, DESCRIBE"}},
  "rtsp_describe_unauth": {"status": 401, "headers": {"WWW-Authenticate": ["Digest realm=\"alpha\"", "Basic realm=\"/\""]}},
  "tcp_8000_banner_hex": "00000010 0000001e",
  "extra": {"tls_subject": "CN=alpha-cam.local,O=Alpha Cameras Ltd,C=GB"},
  "truth": {"vendor": "Alpha", "banned": false, "is_camera": true}
})");
    dir.write("beta-nvr.json", R"({
  "id": "beta-nvr", "open_tcp_ports": [80], "http_ports": [80], "https_ports": [],
  "http": [{"method": "GET", "path": "/", "status": 401,
            "headers": {"WWW-Authenticate": "Basic realm=\"beta\""}, "body": ""}],
  "rtsp_options": null, "truth": {"vendor": "Beta", "banned": "either", "is_camera": true}
})");
    dir.write("gamma-hub.json", R"({
  "id": "gamma-hub", "open_tcp_ports": [], "http_ports": [], "https_ports": [], "http": [],
  "rtsp_options": null, "truth": {"vendor": "Gamma", "banned": false, "is_camera": false}
})");
}

Reply tcp_exchange(const std::string& address, std::uint16_t port, const std::string& request, int quiet_ms) {
    Reply reply;
    const int fd = connect_to(address, port);
    if (fd < 0) return reply;
    reply.connected = true;
    if (!request.empty())  // MSG_NOSIGNAL: a lab that hangs up early must fail a check, not kill the test
        REQUIRE(send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    reply.bytes = read_until_quiet(fd, quiet_ms);
    close(fd);
    return reply;
}

TlsReply tls_exchange(const std::string& address, std::uint16_t port, const std::string& request) {
    TlsReply reply;
    const int fd = connect_to(address, port);
    if (fd < 0) return reply;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);  // the lab's certificates are self-signed
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context.get()), SSL_free);
    SSL_set_fd(ssl.get(), fd);
    reply.handshake = SSL_connect(ssl.get()) == 1;
    if (reply.handshake) {
        reply.subject = subject_of(ssl.get());
        SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
        std::array<char, 4096> chunk{};
        for (int n = 0; reply.bytes.size() < reply_cap && (n = SSL_read(ssl.get(), chunk.data(), chunk.size())) > 0;)
            reply.bytes.append(chunk.data(), static_cast<std::size_t>(n));
    }
    close(fd);
    return reply;
}

int count_open_fds() {
    return static_cast<int>(std::distance(std::filesystem::directory_iterator("/proc/self/fd"), {}));
}

int count_threads() {
    return static_cast<int>(std::distance(std::filesystem::directory_iterator("/proc/self/task"), {}));
}

}  // namespace camaudit::lab::test
