// After the SSDP sweep: fetch each LOCATION an SSDP answer named, but only when its host is an
// IP literal inside the scan scope (TargetSet, exclusions applied), is the address that sent
// the answer, and its path looks like a description (parse::is_description_path). Anything
// else is recorded in the report's errors and never contacted (SSRF, and probes stay
// read-only: LOCATION is text the responder chose, e.g. a CGI with parameters on a printer's
// port). Fetched descriptions add upnp.description.* observations.
#pragma once
#include <engine/udp_sweep.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace camaudit::engine {

// Distinct LOCATION URLs kept per responder and per sweep; the rest are ignored.
inline constexpr std::size_t max_locations_per_responder = 2;
inline constexpr std::size_t max_locations_per_sweep = 4096;

class LocationFetcher {
public:
    // Watches only when `probe` is the ssdp probe; otherwise every call is a no-op.
    LocationFetcher(const UdpProbe& probe, const UdpSweepContext& context);

    // `context` with an observe that also notes ssdp.header.location values.
    UdpSweepContext watching(UdpSweepContext context);

    // Fetches what was noted, one at a time under the scan's token bucket.
    boost::asio::awaitable<void> fetch_all();

private:
    struct Noted {
        std::string responder;  // ip that sent the SSDP answer
        std::string url;
    };
    boost::asio::awaitable<void> fetch_one(Noted location);
    // The endpoint to fetch (and its path) when the URL is http:// to the responder's own
    // in-scope IP literal with a description path; otherwise the refusal is recorded and
    // nullopt returned.
    std::optional<boost::asio::ip::tcp::endpoint> in_scope(const Noted& location, std::string& path);
    void refuse(const Noted& location, std::string why);

    bool active_;
    const targets::TargetSet& targets_;
    net::RateLimiter& limiter_;
    const bool& stopping_;
    std::function<void(Observation)> observe_;
    std::function<void(ReportError)> error_;
    std::shared_ptr<std::vector<Noted>> noted_ = std::make_shared<std::vector<Noted>>();
};

}  // namespace camaudit::engine
