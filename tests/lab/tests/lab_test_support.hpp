// Helpers for the lab's tests: the private namespace, a scratch folder of profiles, and tiny
// blocking loopback clients (plain TCP and TLS) with timeouts.
#pragma once
#include <lab/lab.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace camaudit::lab::test {

// Enters a private network namespace once per test process; every case that starts a lab
// calls it first, so no lab listener ever binds in the host's namespace.
void ensure_private_namespace();

// A fresh folder under the system's temporary directory, removed with everything in it.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    void write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

// Writes three small profiles (alpha-cam, beta-nvr, gamma-hub with no ports) into `dir`.
void write_sample_profiles(const ScratchDir& dir);

struct Reply {
    bool connected = false;
    std::string bytes;  // everything received until the peer closed, went quiet or the cap
};

// Connects, sends `request`, reads until close or `quiet_ms` without data.
Reply tcp_exchange(const std::string& address, std::uint16_t port, const std::string& request,
                   int quiet_ms = 1500);

struct TlsReply {
    bool handshake = false;
    std::string subject;  // the server certificate's subject, "CN=…,O=…" in certificate order
    std::string bytes;
};
TlsReply tls_exchange(const std::string& address, std::uint16_t port, const std::string& request);

int count_open_fds();
int count_threads();

}  // namespace camaudit::lab::test
