// A TLS handshake that only reads the server's certificate: connect with a deadline,
// handshake without validation, return the leaf certificate's DER bytes.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <string>

namespace camaudit::net {

struct TlsCertificateLimits {
    std::chrono::milliseconds connect_timeout{1500};
    std::chrono::milliseconds handshake_timeout{4000};
};

// The certificate, or why there is none ("connect: Connection refused", "tls: ...",
// "tls: no certificate"). `protocol` is the version agreed, e.g. "TLSv1.2".
struct TlsCertificate {
    bool ok = false;
    std::string error;
    std::string der;
    std::string protocol;
};

// Never sends application data and never validates: a scanner reads certificates, it does
// not trust them. Old stacks (TLS 1.0, weak ciphers) are accepted so that they can be read.
boost::asio::awaitable<TlsCertificate> fetch_tls_certificate(boost::asio::ip::tcp::endpoint endpoint,
                                                             TlsCertificateLimits limits);

}  // namespace camaudit::net
