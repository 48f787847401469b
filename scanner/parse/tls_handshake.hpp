// The server's first TLS flight (ServerHello, Certificate, ...) as seen in a capture: the
// record layer and handshake messages of TLS 1.0-1.2, reassembled within caps, give the
// server's certificate chain in clear. Pure, no I/O, any bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t max_tls_records = 64;
inline constexpr std::size_t max_tls_handshake_bytes = 256 * 1024;  // reassembled flight
inline constexpr std::size_t max_tls_certificates = 4;               // the leaf and a few CAs

enum class TlsFlight {
    certificate,     // `certificates` holds at least the server's own certificate
    encrypted,       // TLS 1.3 (or a resumed session): the certificate is not in clear
    no_certificate,  // a clear handshake without a Certificate message (anonymous, PSK, cut short)
    wrong_protocol,  // not a TLS server flight
    malformed,       // TLS records whose lengths lie or whose messages do not parse
};

struct TlsServerFlight {
    TlsFlight outcome = TlsFlight::wrong_protocol;
    std::string version;                    // negotiated, as OpenSSL names it ("TLSv1.2")
    std::vector<std::string> certificates;  // DER, the server's own first; complete ones only
};

// Reads `bytes` (the server-to-client direction of a TCP flow from its start). A capture cut
// inside a record or message keeps every certificate that arrived whole.
TlsServerFlight parse_tls_server_flight(std::span<const std::uint8_t> bytes);

}  // namespace camaudit::parse
