// The ONVIF probe: anonymous SOAP 1.2 POSTs to /onvif/device_service on HTTP(S) and ONVIF
// ports (GetSystemDateAndTime first; only a SOAP answer earns GetDeviceInformation,
// GetCapabilities and GetScopes). No credentials yet: WS-UsernameToken comes later.
#include <probes/onvif_probe.hpp>

#include <net/http_exchange.hpp>
#include <parse/onvif_answer.hpp>
#include <probes/port_table.hpp>

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

class Session {
public:
    Session(const ProbeTarget& target, const ProbeEnv& env) : target_(target), env_(env) {}

    // One call; nullopt when no HTTP answer came back (the reason is in the errors).
    boost::asio::awaitable<std::optional<parse::OnvifAnswer>> call(OnvifCall call, std::string path) {
        if (requests_ >= env_.limits.max_requests_per_port) co_return std::nullopt;
        ++requests_;
        net::HttpRequest request;
        request.method = "POST";
        request.target = path;
        request.host = host_header(target_);
        request.body = parse::onvif_request(call);
        request.content_type = std::string(soap_content_type);
        request.tls = is_tls_port(target_.endpoint.port);
        const boost::asio::ip::tcp::endpoint endpoint(target_.endpoint.address, target_.endpoint.port);
        const net::HttpLimits limits{env_.limits.connect_timeout, env_.limits.exchange_timeout,
                                     env_.limits.max_header_bytes, env_.limits.max_body_bytes};
        const std::string context = "POST " + path + " " + std::string(parse::onvif_operation(call));
        const auto response = co_await net::http_exchange(endpoint, request, limits);
        last_status_ = response.status;
        if (!response.ok) {
            error(context + ": " + response.error);
            co_return std::nullopt;
        }
        co_return interpret(call, context, response);
    }

    unsigned last_status() const { return last_status_; }
    ProbeResult take() { return std::move(result_); }

private:
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
    auto first = co_await session.call(call, path);
    if (!speaks_onvif(first) && session.last_status() == 404 && service_name(target.endpoint.port) == "onvif") {
        path = std::string(tapo_service_path);
        first = co_await session.call(call, path);
    }
    // Not ONVIF (404, a web page, silence): the one request is all it costs.
    if (!speaks_onvif(first)) co_return session.take();
    for (const OnvifCall next : follow_up_calls) {
        call = next;
        co_await session.call(call, path);
    }
    co_return session.take();
}

}  // namespace

const DeepProbe onvif_probe{
    "onvif",
    "ONVIF device service: anonymous GetSystemDateAndTime, GetDeviceInformation, GetCapabilities, GetScopes",
    parse::onvif_observation_keys,
    applies,
    run,
};

}  // namespace camaudit::probes
