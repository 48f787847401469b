// Fetches a server certificate over Asio + OpenSSL: one connect, one handshake, both under a
// deadline; the connection is then dropped without close_notify (nothing was sent).
#include <net/tls_certificate.hpp>
#include <net/tls_context.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace camaudit::net {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);


TlsCertificate failure(std::string error) {
    TlsCertificate out;
    out.error = std::move(error);
    return out;
}

TlsCertificate peer_certificate(SSL* ssl) {
    const std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), X509_free);
    if (!cert) return failure("tls: no certificate");
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert.get(), &der);
    if (size <= 0) return failure("tls: certificate cannot be encoded");
    TlsCertificate out;
    out.ok = true;
    out.der.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    out.protocol = SSL_get_version(ssl);
    return out;
}

}  // namespace

asio::awaitable<TlsCertificate> fetch_tls_certificate(asio::ip::tcp::endpoint endpoint,
                                                      TlsCertificateLimits limits) {
    auto executor = co_await asio::this_coro::executor;
    beast::tcp_stream tcp(executor);
    tcp.expires_after(limits.connect_timeout);
    auto [connect_error] = co_await tcp.async_connect(endpoint, tuple_awaitable);
    if (connect_error) co_return failure("connect: " + connect_error.message());
    tcp.expires_after(limits.handshake_timeout);
    beast::ssl_stream<beast::tcp_stream> tls(std::move(tcp), client_tls_context());
    auto [handshake_error] = co_await tls.async_handshake(asio::ssl::stream_base::client, tuple_awaitable);
    if (handshake_error) co_return failure("tls: " + handshake_error.message());
    co_return peer_certificate(tls.native_handle());
}

}  // namespace camaudit::net
