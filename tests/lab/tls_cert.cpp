// Builds the lab's certificates with OpenSSL 3 from the subjects, issuers and validity the
// profiles give.
#include <lab/tls_cert.hpp>

#include <camaudit/error.hpp>
#include <lab/lab.hpp>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <array>
#include <stdexcept>
#include <strings.h>
#include <vector>

namespace camaudit::lab {
namespace {

template <auto Free>
struct Freer {
    template <class T>
    void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Freer<X509_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Freer<X509_NAME_free>>;

// OpenSSL knows attribute names in one spelling only; profiles copy them as tools print them.
std::string attribute_name(const std::string& field) {
    static constexpr std::array<const char*, 12> known = {
        "CN", "C", "L", "ST", "O", "OU", "serialNumber", "emailAddress", "DC", "street", "title", "UID"};
    for (const char* name : known)
        if (strcasecmp(name, field.c_str()) == 0) return name;
    return field;
}

// "CN=a,O=b\,c" → {{"CN","a"},{"O","b,c"}}.
std::vector<std::pair<std::string, std::string>> split_name(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> parts;
    std::string current;
    auto flush = [&] {
        const auto eq = current.find('=');
        if (eq == std::string::npos || eq == 0) throw DataError("TLS name \"" + text + "\": \"" + current + "\" is not NAME=value");
        parts.emplace_back(attribute_name(current.substr(0, eq)), current.substr(eq + 1));
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) current += text[++i];
        else if (text[i] == ',') flush();
        else current += text[i];
    }
    flush();
    return parts;
}

NamePtr make_name(const std::string& text) {
    NamePtr name(X509_NAME_new());
    for (const auto& [field, value] : split_name(text))
        if (X509_NAME_add_entry_by_txt(name.get(), field.c_str(), MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) != 1)
            throw DataError("TLS name \"" + text + "\": unknown attribute " + field);
    return name;
}

// "2019-12-17T00:00:00Z" → ASN1 time; empty → now + default_seconds.
void set_time(ASN1_TIME* time, const std::string& text, long default_seconds) {
    if (text.empty()) {
        X509_gmtime_adj(time, default_seconds);
        return;
    }
    std::string compact;  // YYYYMMDDHHMMSSZ, the GeneralizedTime form OpenSSL parses
    for (const char c : text)
        if (c != '-' && c != ':' && c != 'T') compact += c;
    if (compact.size() != 15 || ASN1_TIME_set_string_X509(time, compact.c_str()) != 1)
        throw DataError("TLS validity \"" + text + "\" is not YYYY-MM-DDTHH:MM:SSZ");
}

X509Ptr make_certificate(const CertificateSpec& spec, EVP_PKEY* key) {
    X509Ptr cert(X509_new());
    if (!cert) throw std::runtime_error("X509_new failed");
    X509_set_version(cert.get(), 2);
    std::uint64_t serial = 0;
    RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial >> 1);
    set_time(X509_getm_notBefore(cert.get()), spec.not_before, -24L * 3600);
    set_time(X509_getm_notAfter(cert.get()), spec.not_after, 3650L * 24 * 3600);
    const NamePtr subject = make_name(spec.subject);
    const NamePtr issuer = make_name(spec.issuer.empty() ? spec.subject : spec.issuer);
    X509_set_subject_name(cert.get(), subject.get());
    X509_set_issuer_name(cert.get(), issuer.get());
    X509_set_pubkey(cert.get(), key);
    if (X509_sign(cert.get(), key, EVP_sha256()) == 0) throw std::runtime_error("X509_sign failed");
    return cert;
}

std::string extra_string(const Profile& profile, const char* field) {
    const auto extra = profile.data.find("extra");
    if (extra == profile.data.end() || !extra->is_object() || !extra->contains(field)) return {};
    const auto& value = (*extra)[field];
    if (!value.is_string()) throw DataError(profile.id + ": extra." + field + " must be a string");
    return value.get<std::string>();
}

}  // namespace

TlsKey::TlsKey() : key_(EVP_EC_gen("P-256")) {
    if (key_ == nullptr) throw RunError("cannot generate the lab's TLS key (EVP_EC_gen P-256)");
}

TlsKey::~TlsKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

CertificateSpec certificate_spec(const Profile& profile) {
    CertificateSpec spec;
    spec.subject = extra_string(profile, "tls_subject");
    if (spec.subject.empty()) spec.subject = "CN=" + profile.id;
    spec.issuer = extra_string(profile, "tls_issuer");
    spec.not_before = extra_string(profile, "tls_not_before");
    spec.not_after = extra_string(profile, "tls_not_after");
    return spec;
}

std::shared_ptr<boost::asio::ssl::context> make_server_context(const CertificateSpec& spec, const TlsKey& key) {
    auto* pkey = static_cast<EVP_PKEY*>(key.native());
    const X509Ptr cert = make_certificate(spec, pkey);
    auto context = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    if (SSL_CTX_use_certificate(native, cert.get()) != 1 || SSL_CTX_use_PrivateKey(native, pkey) != 1)
        throw std::runtime_error("cannot load the lab certificate for \"" + spec.subject + "\"");
    return context;
}

std::shared_ptr<boost::asio::ssl::context> make_server_context(const std::string& subject, const TlsKey& key) {
    return make_server_context(CertificateSpec{subject, {}, {}, {}}, key);
}

}  // namespace camaudit::lab
