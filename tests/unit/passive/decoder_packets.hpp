// Packets as the capture core hands them to decoders, built from real answer bytes, and a
// TLS server flight around a real certificate: shared by the decoder tests and the e2e test.
#pragma once
#include <camaudit/packet.hpp>

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <map>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace decoder_test {

inline camaudit::IpBytes ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    camaudit::IpBytes ip;
    ip.bytes[0] = a, ip.bytes[1] = b, ip.bytes[2] = c, ip.bytes[3] = d;
    ip.empty = false;
    return ip;
}

inline camaudit::MacBytes mac(std::array<std::uint8_t, 6> bytes) { return {bytes, false}; }

inline const camaudit::MacBytes hikvision_mac = mac({0x44, 0x19, 0xb6, 0x3a, 0x7c, 0x21});

// A packet from 192.168.1.64:`src_port` carrying `payload` (which must outlive the packet).
inline camaudit::Packet packet(camaudit::Transport transport, std::uint16_t src_port, std::uint16_t dst_port,
                               std::string_view payload, bool multicast) {
    camaudit::Packet p;
    p.src_mac = hikvision_mac;
    p.dst_mac = mac({0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa});
    p.ether_type = 0x0800;
    p.src_ip = ipv4(192, 168, 1, 64);
    p.dst_ip = multicast ? ipv4(239, 255, 255, 250) : ipv4(192, 168, 1, 10);
    p.transport = transport;
    p.src_port = src_port;
    p.dst_port = dst_port;
    p.multicast = multicast;
    p.payload = {reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()};
    return p;
}

inline camaudit::Packet udp(std::uint16_t src_port, std::uint16_t dst_port, std::string_view payload, bool multicast) {
    return packet(camaudit::Transport::udp, src_port, dst_port, payload, multicast);
}

inline camaudit::Packet tcp_from_server(std::uint16_t server_port, std::string_view stream) {
    return packet(camaudit::Transport::tcp, server_port, 50123, stream, false);
}

// True when `decoder` declares `key` among the keys it emits.
// What `decoder` made of `packet`, as key -> value pairs (also appended to `out`).
using DecodedValues = std::multimap<std::string, std::string>;
inline DecodedValues decoded_values(const camaudit::PassiveDecoder& decoder, const camaudit::Packet& packet,
                                    std::vector<camaudit::Observation>& out) {
    REQUIRE(decoder.wants(packet));
    REQUIRE(decoder.decode(packet, out));
    DecodedValues values;
    for (const auto& o : out) values.emplace(o.key, o.value);
    return values;
}

inline bool has(const DecodedValues& values, const std::string& key, const std::string& value) {
    for (auto [it, end] = values.equal_range(key); it != end; ++it)
        if (it->second == value) return true;
    return false;
}

inline bool declares(const camaudit::PassiveDecoder& decoder, std::string_view key) {
    for (const auto declared : decoder.emits)
        if (declared == key) return true;
    return false;
}

// A self-signed certificate as a factory makes one: C, O, CN (DER).
inline std::string certificate_der(const char* organisation, const char* common_name) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 0x2C1A);
    ASN1_TIME_set_string_X509(X509_getm_notBefore(cert), "20200101000000Z");
    ASN1_TIME_set_string_X509(X509_getm_notAfter(cert), "20300101000000Z");
    for (X509_NAME* name : {X509_get_subject_name(cert), X509_get_issuer_name(cert)}) {
        X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("CN"), -1, -1, 0);
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(organisation), -1, -1, 0);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
    }
    X509_set_pubkey(cert, key);
    X509_sign(cert, key, EVP_sha256());
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    X509_free(cert);
    EVP_PKEY_free(key);
    return out;
}

inline std::string big_endian(std::size_t value, std::size_t width) {
    std::string out(width, '\0');
    for (std::size_t i = 0; i < width; ++i) out[width - 1 - i] = static_cast<char>((value >> (8 * i)) & 0xff);
    return out;
}

inline std::string handshake_message(std::uint8_t type, const std::string& body) {
    return std::string(1, static_cast<char>(type)) + big_endian(body.size(), 3) + body;
}

// ServerHello choosing `version` (0x0304 is said through supported_versions, as TLS 1.3 does).
inline std::string server_hello(std::uint16_t version) {
    std::string body = big_endian(version == 0x0304 ? 0x0303 : version, 2) + std::string(32, '\x11');
    body += std::string(1, '\0') + "\xc0\x2f" + std::string(1, '\0');  // no session id, a suite, null compression
    std::string extensions = "\xff\x01" + big_endian(1, 2) + std::string(1, '\0');  // renegotiation_info
    if (version == 0x0304) extensions += big_endian(43, 2) + big_endian(2, 2) + big_endian(0x0304, 2);
    return handshake_message(2, body + big_endian(extensions.size(), 2) + extensions);
}

inline std::string certificate_message(const std::vector<std::string>& ders) {
    std::string list;
    for (const auto& der : ders) list += big_endian(der.size(), 3) + der;
    return handshake_message(11, big_endian(list.size(), 3) + list);
}

// `handshake` cut into records of at most `record_size` bytes (servers split big chains).
inline std::string records(const std::string& handshake, std::size_t record_size, std::uint8_t type = 22) {
    std::string out;
    for (std::size_t at = 0; at < handshake.size(); at += record_size) {
        const std::string fragment = handshake.substr(at, record_size);
        out += std::string(1, static_cast<char>(type)) + "\x03\x03" + big_endian(fragment.size(), 2) + fragment;
    }
    return out;
}

// A TLS 1.2 server flight: ServerHello, Certificate, ServerHelloDone.
inline std::string tls12_flight(const std::vector<std::string>& ders, std::size_t record_size = 16384) {
    return records(server_hello(0x0303) + certificate_message(ders) + handshake_message(14, ""), record_size);
}

}  // namespace decoder_test
