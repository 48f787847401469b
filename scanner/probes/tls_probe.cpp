// The TLS probe: one handshake on a TLS port to read the server certificate (subject,
// issuer, serial, validity, names); factory certificates name their makers.
#include <probes/tls_probe.hpp>

#include <net/tls_certificate.hpp>
#include <parse/x509_summary.hpp>
#include <probes/port_table.hpp>

namespace camaudit::probes {
namespace {

bool applies(std::uint16_t port) { return service_name(port) == "https"; }

// Every co_await takes named values and stands alone in its statement (GCC 12, PR 100611).
boost::asio::awaitable<ProbeResult> run(ProbeTarget target, ProbeEnv env) {
    ProbeResult result;
    const std::string where = target.ip + ":" + std::to_string(target.endpoint.port);
    const boost::asio::ip::tcp::endpoint endpoint(target.endpoint.address, target.endpoint.port);
    const net::TlsCertificateLimits limits{env.limits.connect_timeout, env.limits.exchange_timeout};
    const auto fetched = co_await net::fetch_tls_certificate(endpoint, limits);
    if (!fetched.ok) {
        result.errors.push_back({where, "tls", "handshake: " + fetched.error});
        co_return result;
    }
    result.service = "https";
    const auto summary = parse::summarize_x509(fetched.der);
    if (!summary) {
        result.errors.push_back({where, "tls", "the server certificate is not valid DER"});
        co_return result;
    }
    Observation base;
    base.ip = target.ip;
    base.port = target.endpoint.port;
    base.proto = "tcp";
    base.probe = "tls";
    base.context = "TLS handshake (" + fetched.protocol + ")";
    base.time = Clock::now();
    result.observations = parse::x509_observations(*summary, base, env.limits.max_value_bytes);
    co_return result;
}

}  // namespace

const DeepProbe tls_probe{
    "tls",
    "TLS: one handshake to read the server certificate (subject, issuer, serial, validity, names)",
    parse::tls_observation_keys,
    applies,
    run,
};

}  // namespace camaudit::probes
