// Self-signed server certificates for the lab's HTTPS ports, made at start-up so no key
// material is ever stored in the tree.
#pragma once
#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace camaudit::lab {

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

// A TLS server context whose certificate has `subject` ("CN=x,O=Example Inc.", RFC 4514
// order, commas inside values escaped as "\,") as subject and issuer. Throws DataError
// naming the subject when it cannot be encoded.
std::shared_ptr<boost::asio::ssl::context> make_server_context(const std::string& subject,
                                                               const TlsKey& key);

}  // namespace camaudit::lab
