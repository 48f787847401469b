// Built once on first use; SSL_CTX is safe to share between connections.
#include <net/tls_context.hpp>

namespace camaudit::net {

boost::asio::ssl::context& client_tls_context() {
    static boost::asio::ssl::context context = [] {
        boost::asio::ssl::context c(boost::asio::ssl::context::tls_client);
        c.set_verify_mode(boost::asio::ssl::verify_none);
        // Cameras run old TLS stacks; an inventory scan must still read them.
        SSL_CTX_set_security_level(c.native_handle(), 0);
        SSL_CTX_set_min_proto_version(c.native_handle(), TLS1_VERSION);
        return c;
    }();
    return context;
}

}  // namespace camaudit::net
