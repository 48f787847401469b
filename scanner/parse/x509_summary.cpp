// Reads a DER certificate with OpenSSL 3 (d2i only: nothing is trusted or verified against a
// store) and turns its fields into observations.
#include <parse/x509_summary.hpp>

#include <fmt/format.h>

#include <parse/text.hpp>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <memory>

namespace camaudit::parse {
namespace {

template <auto Free>
struct Freer {
    template <class T>
    void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Freer<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Freer<BIO_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Freer<GENERAL_NAMES_free>>;

constexpr std::size_t max_name_bytes = 4096;

// RFC 4514 order and escaping, but UTF-8 kept as UTF-8 (no \XX escapes of high bytes).
std::string name_text(const X509_NAME* name) {
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || name == nullptr) return {};
    const unsigned long flags = (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) | ASN1_STRFLGS_UTF8_CONVERT;
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) return {};
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return to_valid_utf8(std::string_view(data, size > 0 ? static_cast<std::size_t>(size) : 0), max_name_bytes);
}

// The last CN in certificate order: the most specific one.
std::string common_name(const X509_NAME* name) {
    int index = -1, last = -1;
    while ((index = X509_NAME_get_index_by_NID(name, NID_commonName, index)) >= 0) last = index;
    if (last < 0) return {};
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, last));
    unsigned char* utf8 = nullptr;
    const int size = ASN1_STRING_to_UTF8(&utf8, data);
    if (size < 0) return {};
    std::string text = to_valid_utf8(std::string_view(reinterpret_cast<char*>(utf8), size), max_name_bytes);
    OPENSSL_free(utf8);
    return text;
}

std::string serial_hex(const X509* cert) {
    const std::unique_ptr<BIGNUM, Freer<BN_free>> number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    if (!number) return {};
    char* hex = BN_bn2hex(number.get());
    std::string text = hex ? hex : "";
    OPENSSL_free(hex);
    return text;
}

std::string iso_time(const ASN1_TIME* time) {
    std::tm parts{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return {};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                       parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
    const auto* bytes = ASN1_STRING_get0_data(ip);
    const int size = ASN1_STRING_length(ip);
    std::array<char, 64> text{};
    if (size == 4) {
        std::snprintf(text.data(), text.size(), "%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);
        return text.data();
    }
    if (size != 16) return {};
    std::string out;
    for (int i = 0; i < 16; i += 2) {
        std::snprintf(text.data(), text.size(), "%s%x", i ? ":" : "", (bytes[i] << 8) | bytes[i + 1]);
        out += text.data();
    }
    return out;  // uncompressed form: enough to match on
}

std::vector<std::string> alt_names(const X509* cert) {
    std::vector<std::string> out;
    const NamesPtr names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    if (!names) return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()) && out.size() < max_alt_names; ++i) {
        const GENERAL_NAME* entry = sk_GENERAL_NAME_value(names.get(), i);
        if (entry->type == GEN_DNS) {
            const ASN1_STRING* dns = entry->d.dNSName;
            const auto* data = reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns));
            out.push_back(to_valid_utf8(std::string_view(data, ASN1_STRING_length(dns)), max_name_bytes));
        } else if (entry->type == GEN_IPADD) {
            if (auto ip = ip_text(entry->d.iPAddress); !ip.empty()) out.push_back(std::move(ip));
        }
    }
    return out;
}

std::string sha256_hex(std::string_view der) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned size = 0;
    if (EVP_Digest(der.data(), der.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) return {};
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < size; ++i) (out += digits[digest[i] >> 4]) += digits[digest[i] & 15];
    return out;
}

bool signs_itself(X509* cert) {
    if (X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) != 0) return false;
    EVP_PKEY* key = X509_get0_pubkey(cert);
    return key != nullptr && X509_verify(cert, key) == 1;
}

}  // namespace

std::optional<X509Summary> summarize_x509(std::string_view der) {
    if (der.empty() || der.size() > max_certificate_bytes) return std::nullopt;
    const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
    const X509Ptr cert(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
    if (!cert) return std::nullopt;
    X509Summary out;
    out.subject = name_text(X509_get_subject_name(cert.get()));
    out.subject_cn = common_name(X509_get_subject_name(cert.get()));
    out.issuer = name_text(X509_get_issuer_name(cert.get()));
    out.serial = serial_hex(cert.get());
    out.not_before = iso_time(X509_get0_notBefore(cert.get()));
    out.not_after = iso_time(X509_get0_notAfter(cert.get()));
    out.self_signed = signs_itself(cert.get());
    out.alt_names = alt_names(cert.get());
    out.sha256 = sha256_hex(der);
    return out;
}

std::vector<Observation> x509_observations(const X509Summary& summary, const Observation& base,
                                           std::size_t max_value_bytes) {
    std::vector<Observation> out;
    const auto emit = [&](std::string_view key, std::string_view value) {
        if (value.empty()) return;
        Observation o = base;
        o.key = std::string(key);
        o.value = to_valid_utf8(value, max_value_bytes);
        out.push_back(std::move(o));
    };
    emit("tls.certificate.subject", summary.subject);
    emit("tls.certificate.subject_cn", summary.subject_cn);
    emit("tls.certificate.issuer", summary.issuer);
    emit("tls.certificate.serial", summary.serial);
    emit("tls.certificate.not_before", summary.not_before);
    emit("tls.certificate.not_after", summary.not_after);
    emit("tls.certificate.self_signed", summary.self_signed ? "true" : "false");
    for (const auto& name : summary.alt_names) emit("tls.certificate.san", name);
    emit("tls.certificate.sha256", summary.sha256);
    return out;
}

}  // namespace camaudit::parse
