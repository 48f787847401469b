// The ONVIF probe: anonymous SOAP 1.2 POSTs to /onvif/device_service on HTTP(S) and ONVIF
// ports (GetSystemDateAndTime first; only a SOAP answer earns GetDeviceInformation,
// GetCapabilities and GetScopes). A call refused (HTTP 401 or ter:NotAuthorized) is retried
// once with the operator's credentials, if any: HTTP Digest when the 401 asks for it, else a
// WS-UsernameToken whose Created follows the device's clock. The refusal stays evidence.
#include <probes/onvif_probe.hpp>

#include <net/http_exchange.hpp>
#include <parse/onvif_answer.hpp>
#include <probes/onvif_auth.hpp>
#include <probes/port_table.hpp>

#include <openssl/rand.h>
#include <strings.h>

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <optional>

namespace camaudit::probes {
namespace {

using parse::OnvifCall;
using parse::OnvifOutcome;

constexpr std::string_view device_service_path = "/onvif/device_service";
// TP-Link Tapo serves the device service at /onvif/service on 2020 (research/
// other-vendor-facts.md, Tapo rows); tried only on ONVIF-only ports whose first path is 404.
constexpr std::string_view tapo_service_path = "/onvif/service";
constexpr std::string_view soap_content_type = "application/soap+xml; charset=utf-8";
// What a port that answered GetSystemDateAndTime is asked next (a named array: a braced list
// in a coroutine's range-for would be a temporary).
constexpr OnvifCall follow_up_calls[] = {OnvifCall::device_information, OnvifCall::capabilities, OnvifCall::scopes};

bool applies(std::uint16_t port) {
    const auto service = service_name(port);
    return service == "http" || service == "https" || service == "onvif";
}

bool is_tls_port(std::uint16_t port) { return service_name(port) == "https"; }

std::string host_header(const ProbeTarget& target) {
    const std::string host = target.endpoint.address.is_v6() ? "[" + target.ip + "]" : target.ip;
    return host + ":" + std::to_string(target.endpoint.port);
}

enum class Auth { none, username_token, http_digest };

std::string_view auth_label(Auth auth) {
    switch (auth) {
    case Auth::none: return "";
    case Auth::username_token: return " (WS-UsernameToken)";
    case Auth::http_digest: return " (HTTP Digest)";
    }
    return "";
}

template <std::size_t N>
std::array<unsigned char, N> random_bytes() {
    std::array<unsigned char, N> bytes{};
    RAND_bytes(bytes.data(), static_cast<int>(N));
    return bytes;
}

bool refused_by_fault(const std::optional<parse::OnvifAnswer>& answer) {
    if (!answer || answer->outcome != OnvifOutcome::fault) return false;
    for (const auto& o : answer->observations)
        if (o.key == "onvif.fault" && o.value.find("NotAuthorized") != std::string::npos) return true;
    return false;
}

class Session {
public:
    Session(const ProbeTarget& target, const ProbeEnv& env) : target_(target), env_(env) {}

    // One call; nullopt when no HTTP answer came back (the reason is in the errors).
    boost::asio::awaitable<std::optional<parse::OnvifAnswer>> call(OnvifCall call, std::string path, Auth auth) {
        if (requests_ >= env_.limits.max_requests_per_port) co_return std::nullopt;
        ++requests_;
        const net::HttpRequest request = build(call, path, auth);
        const boost::asio::ip::tcp::endpoint endpoint(target_.endpoint.address, target_.endpoint.port);
        const net::HttpLimits limits{env_.limits.connect_timeout, env_.limits.exchange_timeout,
                                     env_.limits.max_header_bytes, env_.limits.max_body_bytes};
        const std::string context =
            "POST " + path + " " + std::string(parse::onvif_operation(call)) + std::string(auth_label(auth));
        const auto response = co_await net::http_exchange(endpoint, request, limits);
        last_status_ = response.status;
        if (!response.ok) {
            error(context + ": " + response.error);
            co_return std::nullopt;
        }
        keep_challenge(response);
        co_return interpret(call, context, response);
    }

    // The call anonymously; once more with the operator's credentials when it was refused.
    boost::asio::awaitable<std::optional<parse::OnvifAnswer>> call_with_retry(OnvifCall call, std::string path) {
        auto answer = co_await this->call(call, path, Auth::none);
        const bool refused = last_status_ == 401 || refused_by_fault(answer);
        if (!refused || !env_.data.onvif_credentials) co_return answer;
        if (last_status_ == 401 && !challenge_) co_return answer;  // Basic only: never sent in clear
        const Auth auth = last_status_ == 401 ? Auth::http_digest : Auth::username_token;
        auto retried = co_await this->call(call, path, auth);
        if (last_status_ == 401 || refused_by_fault(retried))
            error("POST " + path + " " + std::string(parse::onvif_operation(call)) + std::string(auth_label(auth)) +
                  ": the ONVIF credentials were refused");
        co_return retried ? retried : answer;
    }

    // Learns device clock − local clock from a GetSystemDateAndTime answer (UTC only).
    void learn_clock(const std::optional<parse::OnvifAnswer>& answer) {
        if (!answer) return;
        for (const auto& o : answer->observations)
            if (o.key == "onvif.system_date_time")
                if (const auto device_now = parse_utc_text(o.value))
                    clock_offset_ = *device_now - std::chrono::system_clock::now();
    }

    unsigned last_status() const { return last_status_; }
    ProbeResult take() { return std::move(result_); }

private:
    net::HttpRequest build(OnvifCall call, const std::string& path, Auth auth) const {
        net::HttpRequest request;
        request.method = "POST";
        request.target = path;
        request.host = host_header(target_);
        request.content_type = std::string(soap_content_type);
        request.tls = is_tls_port(target_.endpoint.port);
        const auto& credentials = env_.data.onvif_credentials;
        if (auth == Auth::username_token && credentials) {
            const auto nonce = random_bytes<16>();
            const std::string created = wsse_created(std::chrono::system_clock::now() + clock_offset_);
            request.body = parse::onvif_request(call, wsse_security_header(credentials->username, credentials->password,
                                                                            nonce, created));
            return request;
        }
        request.body = parse::onvif_request(call);
        if (auth == Auth::http_digest && credentials && challenge_) {
            const auto cnonce = random_bytes<8>();
            const std::string cnonce_text = base64(cnonce);
            request.headers.emplace_back("Authorization",
                                         digest_authorization(*challenge_, credentials->username, credentials->password,
                                                              "POST", path, cnonce_text));
        }
        return request;
    }

    void keep_challenge(const net::HttpResponse& response) {
        if (response.status != 401) return;
        for (const auto& [name, value] : response.headers)
            if (name.size() == 16 && strncasecmp(name.c_str(), "WWW-Authenticate", 16) == 0)
                if (auto challenge = parse_digest_challenge(value)) {
                    challenge_ = std::move(challenge);
                    return;
                }
    }

    parse::OnvifAnswer interpret(OnvifCall call, const std::string& context, const net::HttpResponse& response) {
        Observation base;
        base.ip = target_.ip;
        base.port = target_.endpoint.port;
        base.proto = "tcp";
        base.probe = "onvif";
        base.context = context;
        base.time = Clock::now();
        auto answer = parse::onvif_answer(call, response.body, base, env_.limits.max_value_bytes);
        if (answer.outcome == OnvifOutcome::malformed)
            error(context + ": malformed SOAP answer (HTTP " + std::to_string(response.status) + ")");
        if (answer.outcome == OnvifOutcome::answered || answer.outcome == OnvifOutcome::fault) {
            const auto service = service_name(target_.endpoint.port);
            // On a web port the http probe's "http"/"https" stays the port's service.
            if (service != "http" && service != "https") result_.service = "onvif";
        }
        for (auto& o : answer.observations) result_.observations.push_back(o);
        return answer;
    }

    void error(std::string message) {
        result_.errors.push_back({target_.ip + ":" + std::to_string(target_.endpoint.port), "onvif",
                                  std::move(message)});
    }

    const ProbeTarget& target_;
    const ProbeEnv& env_;
    std::size_t requests_ = 0;
    unsigned last_status_ = 0;
    std::optional<DigestChallenge> challenge_;
    std::chrono::system_clock::duration clock_offset_{};
    ProbeResult result_;
};

bool speaks_onvif(const std::optional<parse::OnvifAnswer>& answer) {
    return answer && (answer->outcome == OnvifOutcome::answered || answer->outcome == OnvifOutcome::fault);
}

// Every co_await takes named values and stands alone in its statement: GCC 12 destroys
// temporaries of a co_await expression twice (PR 100611).
boost::asio::awaitable<ProbeResult> run(ProbeTarget target, ProbeEnv env) {
    Session session(target, env);
    std::string path(device_service_path);
    OnvifCall call = OnvifCall::system_date_time;
    auto first = co_await session.call_with_retry(call, path);
    if (!speaks_onvif(first) && session.last_status() == 404 && service_name(target.endpoint.port) == "onvif") {
        path = std::string(tapo_service_path);
        first = co_await session.call_with_retry(call, path);
    }
    session.learn_clock(first);
    // Not ONVIF (404, a web page, silence): the one request is all it costs.
    if (!speaks_onvif(first)) co_return session.take();
    for (const OnvifCall next : follow_up_calls) {
        call = next;
        co_await session.call_with_retry(call, path);
    }
    co_return session.take();
}

}  // namespace

const DeepProbe onvif_probe{
    "onvif",
    "ONVIF device service: GetSystemDateAndTime, GetDeviceInformation, GetCapabilities, GetScopes; anonymous, "
    "then with the operator's credentials (WS-UsernameToken or HTTP Digest) when refused",
    parse::onvif_observation_keys,
    applies,
    run,
};

}  // namespace camaudit::probes
