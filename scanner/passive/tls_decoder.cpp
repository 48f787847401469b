// The server's certificate as a capture shows it: TLS 1.0-1.2 send it in clear after the
// ServerHello; TLS 1.3 encrypts it (the flight is well-formed, nothing is emitted). The
// server's own certificate gives the same tls.certificate.* observations as the tls probe.
#include <passive/tls_decoder.hpp>

#include <parse/tls_handshake.hpp>
#include <parse/x509_summary.hpp>
#include <passive/decoder_support.hpp>

namespace camaudit::passive {
namespace {

bool wants(const Packet& packet) {
    const auto& bytes = packet.payload;
    return packet.transport == Transport::tcp && bytes.size() >= 6 && bytes[0] == 22 && bytes[1] == 3 &&
           bytes[5] == 2;  // a handshake record whose first message is a ServerHello
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const auto flight = parse::parse_tls_server_flight(packet.payload);
    if (flight.outcome == parse::TlsFlight::encrypted || flight.outcome == parse::TlsFlight::no_certificate)
        return true;
    if (flight.outcome != parse::TlsFlight::certificate) return false;
    const auto summary = parse::summarize_x509(flight.certificates.front());
    if (!summary) return false;
    Observation base = sender_observation(packet, "tls", sender_on_link(packet));
    base.context = "passive capture: TLS handshake (" + flight.version + ")";
    append_observations(parse::x509_observations(*summary, base, decoder_max_value_bytes), packet, out);
    return true;
}

}  // namespace

const PassiveDecoder tls_decoder{
    "tls",
    "TLS 1.0-1.2 server certificates seen in clear in captured handshakes (1.3 hides them)",
    parse::tls_observation_keys,
    "tcp port 443 or tcp port 5001 or tcp port 7443 or tcp port 8443",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
