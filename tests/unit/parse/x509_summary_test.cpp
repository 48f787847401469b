// Proves that a certificate's DER bytes become the fields an auditor and the signatures use:
// RFC 4514 subject and issuer, CN, serial, ISO validity, self-signed or CA-issued, SAN names;
// and that bytes that are not one certificate are refused, never crash.
#include <doctest/doctest.h>
#include <parse/x509_summary.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace camaudit;

namespace {

using Name = std::vector<std::pair<const char*, const char*>>;  // in certificate order

void fill(X509_NAME* name, const Name& parts) {
    for (const auto& [field, value] : parts)
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value), -1, -1, 0);
}

// A real certificate made with OpenSSL; `issuer_key` signs it (its own key when null).
std::string make_der(const Name& subject, const Name& issuer, const char* san, EVP_PKEY* key, EVP_PKEY* issuer_key) {
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), 0x1A2B3C4DULL);
    ASN1_TIME_set_string_X509(X509_getm_notBefore(cert), "20191217000000Z");
    ASN1_TIME_set_string_X509(X509_getm_notAfter(cert), "20371231235959Z");
    fill(X509_get_subject_name(cert), subject);
    fill(X509_get_issuer_name(cert), issuer);
    if (san != nullptr) {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san);
        X509_add_ext(cert, extension, -1);
        X509_EXTENSION_free(extension);
    }
    X509_set_pubkey(cert, key);
    X509_sign(cert, issuer_key != nullptr ? issuer_key : key, EVP_sha256());
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    X509_free(cert);
    return bytes;
}

struct Key {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    ~Key() { EVP_PKEY_free(key); }
};

const Name hikvision = {{"C", "CN"}, {"ST", "ZheJiang"}, {"L", "HangZhou"}, {"O", "HIKVISION"},
                        {"OU", "DVRNVR"}, {"CN", "www.hikvision.com"}};

}  // namespace

TEST_CASE("a self-signed factory certificate gives RFC 4514 names, CN, serial and validity") {
    const Key key;
    const auto summary = parse::summarize_x509(make_der(hikvision, hikvision, nullptr, key.key, nullptr));
    REQUIRE(summary);
    CHECK(summary->subject == "CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN");
    CHECK(summary->issuer == summary->subject);
    CHECK(summary->subject_cn == "www.hikvision.com");
    CHECK(summary->serial == "1A2B3C4D");
    CHECK(summary->not_before == "2019-12-17T00:00:00Z");
    CHECK(summary->not_after == "2037-12-31T23:59:59Z");
    CHECK(summary->self_signed);
    CHECK(summary->alt_names.empty());
    CHECK(summary->sha256.size() == 64);
}

TEST_CASE("a CA-issued certificate is not self-signed and lists its DNS and IP names") {
    const Key key, ca;
    const Name subject = {{"CN", "192.168.1.108"}, {"C", "CN"}, {"O", "DAHUA"}, {"OU", "DAHUATECH"}};
    const Name issuer = {{"CN", "Product Root CA"}, {"C", "CN"}, {"O", "DahuaTech"}};
    const auto summary = parse::summarize_x509(
        make_der(subject, issuer, "DNS:cam.example,IP:192.168.1.108,IP:::1", key.key, ca.key));
    REQUIRE(summary);
    CHECK(summary->issuer == "O=DahuaTech,C=CN,CN=Product Root CA");
    CHECK_FALSE(summary->self_signed);
    CHECK(summary->alt_names == std::vector<std::string>{"cam.example", "192.168.1.108", "0:0:0:0:0:0:0:1"});
}

TEST_CASE("same names but a foreign signature is not self-signed") {
    const Key key, other;
    const auto summary = parse::summarize_x509(make_der(hikvision, hikvision, nullptr, key.key, other.key));
    REQUIRE(summary);
    CHECK_FALSE(summary->self_signed);
}

TEST_CASE("UTF-8 names stay UTF-8, the observations carry each field and one per SAN name") {
    const Key key;
    const Name subject = {{"O", "Überwachung GmbH"}, {"CN", "kamera-1"}};
    const auto summary = parse::summarize_x509(make_der(subject, subject, "DNS:a.example,DNS:b.example", key.key, nullptr));
    REQUIRE(summary);
    CHECK(summary->subject == "CN=kamera-1,O=Überwachung GmbH");
    Observation base;
    base.ip = "127.0.1.7";
    base.port = 443;
    base.probe = "tls";
    const auto observations = parse::x509_observations(*summary, base, 4096);
    std::vector<std::string> sans;
    for (const auto& o : observations) {
        if (o.key == "tls.certificate.san") sans.push_back(o.value);
        if (o.key == "tls.certificate.self_signed") CHECK(o.value == "true");
        CHECK(o.port == 443);
    }
    CHECK(sans == std::vector<std::string>{"a.example", "b.example"});
}

TEST_CASE("bytes that are not one certificate are refused") {
    const Key key;
    const std::string der = make_der(hikvision, hikvision, nullptr, key.key, nullptr);
    CHECK_FALSE(parse::summarize_x509(""));
    CHECK_FALSE(parse::summarize_x509("HTTP/1.1 400 Bad Request\r\n\r\n"));
    CHECK_FALSE(parse::summarize_x509(der.substr(0, der.size() / 2)));
    CHECK_FALSE(parse::summarize_x509(std::string(parse::max_certificate_bytes + 1, '\x30')));
}
