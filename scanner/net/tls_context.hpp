// The one TLS client context every probe shares: no validation (a scanner reads
// certificates, it does not trust them) and old protocol versions allowed.
#pragma once
#include <boost/asio/ssl/context.hpp>

namespace camaudit::net {

boost::asio::ssl::context& client_tls_context();

}  // namespace camaudit::net
