// Self-signed server certificates for the lab's HTTPS ports, made at start-up so no key
// material is ever stored in the tree.
#pragma once
#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace camaudit::lab {

struct Profile;

// One EC P-256 key shared by every certificate of a lab (generating it is the slow part).
class TlsKey {
public:
    TlsKey();
    ~TlsKey();
    TlsKey(const TlsKey&) = delete;
    TlsKey& operator=(const TlsKey&) = delete;
    void* native() const { return key_; }  // EVP_PKEY*, kept opaque to spare includes

private:
    void* key_;
};

// What a device's certificate says. Names are "CN=x,O=Example Inc.": the attributes are
// written into the certificate in the order given, commas inside values escaped as "\,",
// attribute names matched without case (SERIALNUMBER = serialNumber). Times are
// "YYYY-MM-DDTHH:MM:SSZ"; empty means yesterday / ten years from now.
struct CertificateSpec {
    std::string subject;
    std::string issuer;  // empty = the subject (a plain self-signed certificate)
    std::string not_before;
    std::string not_after;
};

// From the profile's extra.tls_subject (default "CN=<id>"), extra.tls_issuer (default: the
// subject), extra.tls_not_before and extra.tls_not_after. Throws DataError naming the
// profile and field when one is not a string.
CertificateSpec certificate_spec(const Profile& profile);

// A TLS server context whose certificate carries `spec`, signed with `key` (so a certificate
// whose issuer differs from its subject looks CA-issued). Throws DataError naming the name
// or time that cannot be encoded.
std::shared_ptr<boost::asio::ssl::context> make_server_context(const CertificateSpec& spec, const TlsKey& key);

// The same with subject = issuer = `subject` and the default validity.
std::shared_ptr<boost::asio::ssl::context> make_server_context(const std::string& subject, const TlsKey& key);

}  // namespace camaudit::lab
