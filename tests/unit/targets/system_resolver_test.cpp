// Proves that the system resolver turns "localhost" into its loopback addresses and reports a
// name it cannot resolve as an error text, with no DNS needed beyond the hosts file.
#include <doctest/doctest.h>
#include <algorithm>
#include <targets/target_set.hpp>

using namespace camaudit;
using namespace camaudit::targets;

TEST_CASE("localhost resolves to loopback addresses, 127.0.0.1 among them") {
    std::string error;
    const auto addresses = system_resolver()("localhost", error);
    CHECK(error.empty());
    REQUIRE_FALSE(addresses.empty());
    CHECK(std::all_of(addresses.begin(), addresses.end(), [](const auto& a) { return a.is_loopback(); }));
    CHECK(std::find(addresses.begin(), addresses.end(),
                    boost::asio::ip::make_address("127.0.0.1")) != addresses.end());
}

TEST_CASE("an empty name does not resolve and says why") {
    std::string error;
    const auto addresses = system_resolver()("", error);
    CHECK(addresses.empty());
    CHECK_FALSE(error.empty());
}

TEST_CASE("a scope built with the system resolver holds localhost") {
    std::vector<ReportError> errors;
    const auto set = TargetSet::build({{"localhost"}, {}, false}, system_resolver(), errors);
    CHECK(errors.empty());
    CHECK(set.contains(boost::asio::ip::make_address("127.0.0.1")));
    CHECK_FALSE(set.contains(boost::asio::ip::make_address("127.0.0.2")));
}
