// Builds self-signed certificates with OpenSSL 3 for the subjects the profiles give.
#include <lab/tls_cert.hpp>

#include <camaudit/error.hpp>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <stdexcept>
#include <vector>

namespace camaudit::lab {
namespace {

template <auto Free>
struct Freer {
    template <class T>
    void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Freer<X509_free>>;

// "CN=a,O=b\,c" → {{"CN","a"},{"O","b,c"}}.
std::vector<std::pair<std::string, std::string>> split_subject(const std::string& subject) {
    std::vector<std::pair<std::string, std::string>> parts;
    std::string current;
    auto flush = [&] {
        const auto eq = current.find('=');
        if (eq == std::string::npos || eq == 0) throw DataError("TLS subject \"" + subject + "\": \"" + current + "\" is not NAME=value");
        parts.emplace_back(current.substr(0, eq), current.substr(eq + 1));
        current.clear();
    };
    for (std::size_t i = 0; i < subject.size(); ++i) {
        if (subject[i] == '\\' && i + 1 < subject.size()) current += subject[++i];
        else if (subject[i] == ',') flush();
        else current += subject[i];
    }
    flush();
    return parts;
}

X509Ptr self_signed(const std::string& subject, EVP_PKEY* key) {
    X509Ptr cert(X509_new());
    if (!cert) throw std::runtime_error("X509_new failed");
    X509_set_version(cert.get(), 2);
    std::uint64_t serial = 0;
    RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial >> 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3650L * 24 * 3600);
    X509_NAME* name = X509_get_subject_name(cert.get());
    for (const auto& [field, value] : split_subject(subject))
        if (X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) != 1)
            throw DataError("TLS subject \"" + subject + "\": unknown attribute " + field);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key);
    if (X509_sign(cert.get(), key, EVP_sha256()) == 0) throw std::runtime_error("X509_sign failed");
    return cert;
}

}  // namespace

TlsKey::TlsKey() : key_(EVP_EC_gen("P-256")) {
    if (key_ == nullptr) throw RunError("cannot generate the lab's TLS key (EVP_EC_gen P-256)");
}

TlsKey::~TlsKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::shared_ptr<boost::asio::ssl::context> make_server_context(const std::string& subject,
                                                               const TlsKey& key) {
    auto* pkey = static_cast<EVP_PKEY*>(key.native());
    const X509Ptr cert = self_signed(subject, pkey);
    auto context = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    if (SSL_CTX_use_certificate(native, cert.get()) != 1 || SSL_CTX_use_PrivateKey(native, pkey) != 1)
        throw std::runtime_error("cannot load the lab certificate for \"" + subject + "\"");
    return context;
}

}  // namespace camaudit::lab
