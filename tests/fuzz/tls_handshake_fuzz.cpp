// libFuzzer entry point for the TLS server-flight parser: any bytes from a captured TCP
// stream must reassemble, walk and yield only whole certificates within the caps, and the
// certificates found must be safe to summarise.
#include <parse/tls_handshake.hpp>
#include <parse/x509_summary.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const auto flight = camaudit::parse::parse_tls_server_flight(bytes);
    if (flight.certificates.size() > camaudit::parse::max_tls_certificates) __builtin_trap();
    if (flight.outcome == camaudit::parse::TlsFlight::certificate && flight.certificates.empty()) __builtin_trap();
    if (flight.outcome != camaudit::parse::TlsFlight::certificate && !flight.certificates.empty()) __builtin_trap();
    for (const auto& der : flight.certificates) {
        if (der.empty() || der.size() > size) __builtin_trap();
        camaudit::parse::summarize_x509(der);
    }
    return 0;
}
