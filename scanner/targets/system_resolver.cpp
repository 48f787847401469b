// The production Resolver: one synchronous getaddrinfo through Asio per host name, before the
// scan starts, returning every IPv4 and IPv6 address the name has.
#include <targets/target_set.hpp>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace camaudit::targets {

Resolver system_resolver() {
    return [](const std::string& host, std::string& error) {
        boost::asio::io_context io;
        boost::asio::ip::tcp::resolver resolver(io);
        boost::system::error_code ec;
        // No AI_ADDRCONFIG: an auditor may scan IPv6 names from a host without IPv6 routes,
        // and "localhost" must resolve to both ::1 and 127.0.0.1.
        const auto results =
            resolver.resolve(host, "", boost::asio::ip::resolver_base::flags{}, ec);
        std::vector<boost::asio::ip::address> addresses;
        if (ec) {
            error = ec.message();
            return addresses;
        }
        for (const auto& entry : results) {
            const auto address = entry.endpoint().address();
            if (std::find(addresses.begin(), addresses.end(), address) == addresses.end())
                addresses.push_back(address);
        }
        if (addresses.empty()) error = "no addresses";
        return addresses;
    };
}

}  // namespace camaudit::targets
