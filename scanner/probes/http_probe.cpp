// The HTTP(S) probe: GET /, follow its redirect on the same host, then the vendor paths the
// first answer calls for (fingerprints/http_paths.json); every answer becomes observations.
#include <probes/http_probe.hpp>

#include <identify/http_paths.hpp>
#include <net/http_exchange.hpp>
#include <parse/http_answer.hpp>
#include <probes/port_table.hpp>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <set>

namespace camaudit::probes {
namespace {


bool is_tls_port(std::uint16_t port) { return service_name(port) == "https"; }

bool applies(std::uint16_t port) {
    const auto service = service_name(port);
    return service == "http" || service == "https";
}

std::string host_header(const ProbeTarget& target) {
    const auto& address = target.endpoint.address;
    std::string host = address.is_v6() ? "[" + target.ip + "]" : target.ip;
    const bool default_port = target.endpoint.port == (is_tls_port(target.endpoint.port) ? 443 : 80);
    return default_port ? host : host + ":" + std::to_string(target.endpoint.port);
}

net::HttpLimits http_limits(const ProbeLimits& limits) {
    return {limits.connect_timeout, limits.exchange_timeout, limits.max_header_bytes,
            limits.max_body_bytes};
}

// Headers and the start of the body as one text, for the "when" patterns of vendor paths.
std::string answer_text(const parse::HttpAnswer& answer) {
    std::string text;
    for (const auto& [name, value] : answer.headers) text += name + ": " + value + "\n";
    text += "\n";
    text.append(answer.body, 0, std::min<std::size_t>(answer.body.size(), 64 * 1024));
    return text;
}

std::vector<std::string> vendor_paths(const ProbeData& data, const parse::HttpAnswer& root) {
    std::vector<std::string> paths;
    const std::string text = answer_text(root);
    for (const auto& entry : data.http_paths)
        if (identify::wanted(entry, text)) paths.push_back(entry.path);
    return paths;
}

class Session {
public:
    Session(const ProbeTarget& target, const ProbeEnv& env) : target_(target), env_(env) {}

    // One GET; its observations are kept; nullopt when no answer came back.
    boost::asio::awaitable<std::optional<parse::HttpAnswer>> get(std::string path) {
        if (asked_.size() >= env_.limits.max_requests_per_port || !asked_.insert(path).second)
            co_return std::nullopt;
        net::HttpRequest request;
        request.target = path;
        request.host = host_header(target_);
        request.tls = is_tls_port(target_.endpoint.port);
        boost::asio::ip::tcp::endpoint endpoint(target_.endpoint.address, target_.endpoint.port);
        const net::HttpLimits limits = http_limits(env_.limits);  // named: see run()
        const auto response = co_await net::http_exchange(endpoint, request, limits);
        if (!response.ok) {
            result_.errors.push_back({target_.ip + ":" + std::to_string(target_.endpoint.port),
                                      "http", "GET " + path + ": " + response.error});
            co_return std::nullopt;
        }
        parse::HttpAnswer answer{"GET", path, response.status, response.headers, response.body};
        keep(answer, response.body_truncated);
        co_return answer;
    }

    ProbeResult take() { return std::move(result_); }

private:
    void keep(const parse::HttpAnswer& answer, bool truncated) {
        Observation base;
        base.ip = target_.ip;
        base.port = target_.endpoint.port;
        base.proto = "tcp";
        base.probe = "http";
        base.context = "GET " + answer.path;
        base.time = Clock::now();
        auto observations = parse::http_observations(answer, base, env_.limits.max_value_bytes);
        for (auto& o : observations) result_.observations.push_back(std::move(o));
        result_.service = is_tls_port(target_.endpoint.port) ? "https" : "http";
        if (truncated)
            result_.errors.push_back({target_.ip + ":" + std::to_string(target_.endpoint.port),
                                      "http", "GET " + answer.path + ": body cut at the size cap"});
    }

    const ProbeTarget& target_;
    const ProbeEnv& env_;
    std::set<std::string> asked_;
    ProbeResult result_;
};

// Every co_await here takes named values and stands alone in its statement: GCC 12
// destroys temporaries of a co_await expression twice (PR 100611).
boost::asio::awaitable<ProbeResult> run(ProbeTarget target, ProbeEnv env) {
    Session session(target, env);
    std::string path = "/";
    const auto root = co_await session.get(path);
    if (!root) co_return session.take();
    std::optional<parse::HttpAnswer> hop = root;
    for (int redirects = 0; redirects < 2 && hop; ++redirects) {
        const auto next = parse::same_host_redirect(*hop);
        if (!next) break;
        path = *next;
        hop = co_await session.get(path);
    }
    for (const auto& wanted_path : vendor_paths(env.data, *root)) {
        path = wanted_path;
        co_await session.get(path);
    }
    co_return session.take();
}

}  // namespace

const DeepProbe http_probe{
    "http",
    "HTTP and HTTPS: GET /, its redirect, and the vendor paths the answer calls for",
    parse::http_observation_keys,
    applies,
    run,
};

}  // namespace camaudit::probes
