// Proves the TLS server-flight parser finds the certificate chain through records split any
// way, cut short or lying, and tells TLS 1.3 (encrypted) apart; and that the tls decoder
// turns the server's certificate into the tls probe's observations.
#include "decoder_packets.hpp"

#include <parse/tls_handshake.hpp>
#include <passive/tls_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::parse::TlsFlight;
using camaudit::passive::tls_decoder;
using decoder_test::tls12_flight;

namespace {

camaudit::parse::TlsServerFlight parsed(const std::string& bytes) {
    return camaudit::parse::parse_tls_server_flight({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

const std::string leaf = decoder_test::certificate_der("HIKVISION", "192.168.1.64");
const std::string ca = decoder_test::certificate_der("HIKVISION", "HIKVISION Root CA");

}  // namespace

TEST_CASE("tls flight: the chain of a TLS 1.2 ServerHello, Certificate, ServerHelloDone") {
    const auto flight = parsed(tls12_flight({leaf, ca}));
    CHECK(flight.outcome == TlsFlight::certificate);
    CHECK(flight.version == "TLSv1.2");
    REQUIRE(flight.certificates.size() == 2);
    CHECK(flight.certificates[0] == leaf);
    CHECK(flight.certificates[1] == ca);
}

TEST_CASE("tls flight: messages split across many small records are reassembled") {
    const auto flight = parsed(tls12_flight({leaf, ca}, 37));
    REQUIRE(flight.certificates.size() == 2);
    CHECK(flight.certificates[0] == leaf);
}

TEST_CASE("tls flight: a capture cut inside the second certificate keeps the first whole one") {
    const std::string bytes = tls12_flight({leaf, ca});
    const auto flight = parsed(bytes.substr(0, bytes.size() - ca.size() / 2));
    CHECK(flight.outcome == TlsFlight::certificate);
    REQUIRE(flight.certificates.size() == 1);
    CHECK(flight.certificates[0] == leaf);
    CHECK(parsed(bytes.substr(0, 120)).outcome == TlsFlight::no_certificate);
}

TEST_CASE("tls flight: TLS 1.3 and a resumed session hide the certificate") {
    using decoder_test::records;
    const std::string tls13 = records(decoder_test::server_hello(0x0304), 16384) + records("\x01", 16384, 20) +
                              records(std::string(300, '\x5a'), 16384, 23);
    const auto hidden = parsed(tls13);
    CHECK(hidden.outcome == TlsFlight::encrypted);
    CHECK(hidden.version == "TLSv1.3");
    CHECK(parsed(records(decoder_test::server_hello(0x0303), 16384) + records("\x01", 16384, 20)).outcome ==
          TlsFlight::encrypted);
}

TEST_CASE("tls flight: lying lengths, other protocols and a client's hello are not a chain") {
    std::string bytes = tls12_flight({leaf});
    bytes[3] = '\x7f';  // a record length beyond the limit
    CHECK(parsed(bytes).outcome == TlsFlight::malformed);
    std::string lying_list = tls12_flight({leaf});
    lying_list[5 + 49 + 4 + 3] = '\x7f';  // record, ServerHello, message head, list length: the first certificate says 8 MB
    CHECK(parsed(lying_list).certificates.empty());
    CHECK(parsed("HTTP/1.1 200 OK\r\n\r\n").outcome == TlsFlight::wrong_protocol);
    CHECK(parsed("").outcome == TlsFlight::wrong_protocol);
    CHECK(parsed(std::string("\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00", 10)).outcome == TlsFlight::wrong_protocol);
}

TEST_CASE("tls decoder: the server certificate gives the tls probe's observations") {
    const std::string stream = tls12_flight({leaf, ca});
    const auto packet = decoder_test::tcp_from_server(443, stream);
    REQUIRE(tls_decoder.wants(packet));
    std::vector<camaudit::Observation> out;
    REQUIRE(tls_decoder.decode(packet, out));
    std::map<std::string, std::string> values;
    for (const auto& o : out) {
        values[o.key] = o.value;
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.port == 443);
        CHECK(o.mac.empty());
        CHECK(o.probe == "passive:tls");
        CHECK(o.context == "passive capture: TLS handshake (TLSv1.2)");
        INFO(o.key);
        CHECK(decoder_test::declares(tls_decoder, o.key));
    }
    CHECK(values["tls.certificate.subject"] == "CN=192.168.1.64,O=HIKVISION,C=CN");
    CHECK(values["tls.certificate.subject_cn"] == "192.168.1.64");
    CHECK(values["tls.certificate.issuer"] == "CN=192.168.1.64,O=HIKVISION,C=CN");
    CHECK(values["tls.certificate.serial"] == "2C1A");
}

TEST_CASE("tls decoder: a client hello and application data are not wanted, garbage certificates are refused") {
    const std::string client_hello("\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00", 10);
    CHECK_FALSE(tls_decoder.wants(decoder_test::tcp_from_server(443, client_hello)));
    CHECK_FALSE(tls_decoder.wants(decoder_test::tcp_from_server(443, std::string("\x17\x03\x03\x00\x01\x00", 6))));
    const std::string garbage = tls12_flight({std::string(200, '\x30')});
    std::vector<camaudit::Observation> out;
    CHECK_FALSE(tls_decoder.decode(decoder_test::tcp_from_server(443, garbage), out));
    CHECK(out.empty());
}
