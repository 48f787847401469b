// One plain-HTTP GET per LOCATION that its own sender described itself with, with the HTTP
// probe's limits (no redirects are followed: http_exchange reads one answer).
#include <engine/location_fetch.hpp>

#include <net/http_exchange.hpp>
#include <parse/ssdp_message.hpp>
#include <parse/text.hpp>
#include <parse/upnp_description.hpp>

#include <algorithm>
#include <boost/asio/ip/address.hpp>

namespace camaudit::engine {
namespace asio = boost::asio;

namespace {

constexpr std::string_view location_key = "ssdp.header.location";
constexpr std::size_t max_url_in_error = 200;
constexpr std::size_t max_value_bytes = 1024;

}  // namespace

LocationFetcher::LocationFetcher(const UdpProbe& probe, const UdpSweepContext& context)
    : active_(probe.name == "ssdp"), targets_(context.targets), limiter_(context.limiter),
      stopping_(context.stopping), observe_(context.observe), error_(context.error) {}

UdpSweepContext LocationFetcher::watching(UdpSweepContext context) {
    if (!active_) return context;
    context.observe = [noted = noted_, observe = observe_](Observation o) {
        if (o.key == location_key && noted->size() < max_locations_per_sweep) {
            const auto same = std::count_if(noted->begin(), noted->end(),
                                            [&](const Noted& n) { return n.responder == o.ip; });
            const bool seen = std::any_of(noted->begin(), noted->end(),
                                          [&](const Noted& n) { return n.responder == o.ip && n.url == o.value; });
            if (!seen && static_cast<std::size_t>(same) < max_locations_per_responder)
                noted->push_back({o.ip, o.value});
        }
        observe(std::move(o));
    };
    return context;
}

asio::awaitable<void> LocationFetcher::fetch_all() {
    if (!active_) co_return;
    const std::vector<Noted> locations = *noted_;
    for (const auto& location : locations) {
        if (stopping_) break;
        co_await fetch_one(location);
    }
}

void LocationFetcher::refuse(const Noted& location, std::string why) {
    error_({location.responder + ":1900", "ssdp", why + ": " + parse::to_valid_utf8(location.url, max_url_in_error)});
}

std::optional<asio::ip::tcp::endpoint> LocationFetcher::in_scope(const Noted& location, std::string& path) {
    const auto url = parse::parse_location_url(location.url);
    if (!url) {
        refuse(location, "LOCATION is not a plain http URL, not fetched");
        return std::nullopt;
    }
    if (!url->host_is_ip) {
        refuse(location, "LOCATION names a host name, not fetched");
        return std::nullopt;
    }
    const auto address = asio::ip::make_address(url->host);
    if (!targets_.contains(address)) {
        refuse(location, "LOCATION outside scope, not fetched");
        return std::nullopt;
    }
    if (address != asio::ip::make_address(location.responder)) {
        refuse(location, "LOCATION names another host than its sender, not fetched");
        return std::nullopt;
    }
    if (!parse::is_description_path(url->path)) {
        refuse(location, "LOCATION path is not a device description (query, cgi-bin or not .xml), not fetched");
        return std::nullopt;
    }
    path = url->path;
    return asio::ip::tcp::endpoint(address, url->port);
}

asio::awaitable<void> LocationFetcher::fetch_one(Noted location) {
    std::string path;
    const auto endpoint = in_scope(location, path);
    if (!endpoint) co_return;
    co_await limiter_.acquire();
    const auto address = endpoint->address();
    const std::string port = std::to_string(endpoint->port());
    net::HttpRequest request;
    request.target = path;
    request.host = address.is_v6() ? "[" + address.to_string() + "]:" + port : address.to_string() + ":" + port;
    const net::HttpLimits limits;
    const asio::ip::tcp::endpoint to = *endpoint;
    const auto response = co_await net::http_exchange(to, request, limits);
    if (!response.ok) {
        refuse(location, "LOCATION fetch failed (" + response.error + ")");
        co_return;
    }
    if (response.status != 200) {
        refuse(location, "LOCATION answered HTTP " + std::to_string(response.status));
        co_return;
    }
    const auto description = parse::parse_upnp_description(response.body);
    if (!description) {
        refuse(location, "LOCATION is not a UPnP device description");
        co_return;
    }
    Observation base;
    base.ip = address.to_string();
    base.port = endpoint->port();
    base.proto = "tcp";
    base.probe = "ssdp";
    base.context = "GET " + parse::to_valid_utf8(path, max_url_in_error) + " (SSDP LOCATION)";
    base.time = Clock::now();
    auto observations = parse::upnp_observations(*description, base, max_value_bytes);
    for (auto& o : observations) observe_(std::move(o));
}

}  // namespace camaudit::engine
