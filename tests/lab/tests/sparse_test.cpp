// The sparse placement (seeded, inside the range's hosts, leaving reserved addresses free, each
// profile used evenly), the range parser's refusals, the drop ruleset, and the segment's
// sparse plan (vendor MACs kept, repeats with their profile's OUI and no MAC twice).
#include <lab/segment.hpp>
#include <lab/sparse.hpp>

#include <camaudit/error.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>

namespace lab = camaudit::lab;
using boost::asio::ip::make_address_v4;

namespace {

lab::Profile profile_with_mac(const std::string& id, const std::string& mac) {
    lab::Profile profile{id, nlohmann::ordered_json::object(), {}};
    if (!mac.empty()) profile.data["mac"] = mac;
    return profile;
}

}  // namespace

TEST_CASE("lab: a sparse placement is seeded, inside the range's hosts, and uses every profile evenly") {
    const auto range = lab::parse_cidr("10.77.0.0/22");
    const auto bridge = make_address_v4("10.77.0.1");
    const auto placed = lab::place_sparse(7, range, 100, 42, {bridge});
    REQUIRE(placed.size() == 100);
    std::set<boost::asio::ip::address_v4> addresses;
    std::map<std::size_t, int> per_profile;
    for (const auto& device : placed) {
        CHECK(range.contains(device.address));
        CHECK(device.address != range.network);
        CHECK(device.address != range.broadcast());
        CHECK(device.address != bridge);
        addresses.insert(device.address);
        ++per_profile[device.profile];
    }
    CHECK(addresses.size() == 100);
    CHECK(per_profile.size() == 7);
    for (const auto& [profile, count] : per_profile) CHECK((count == 14 || count == 15));
    const auto again = lab::place_sparse(7, range, 100, 42, {bridge});
    CHECK(std::equal(placed.begin(), placed.end(), again.begin(), [](const auto& a, const auto& b) {
        return a.address == b.address && a.profile == b.profile && a.copy == b.copy;
    }));
    const auto other = lab::place_sparse(7, range, 100, 43, {bridge});
    CHECK_FALSE(std::equal(placed.begin(), placed.end(), other.begin(),
                           [](const auto& a, const auto& b) { return a.address == b.address; }));
    CHECK(lab::count_for_density(lab::parse_cidr("10.77.0.0/16"), 0.01) == 655);
    CHECK(lab::count_for_density(range, 0.01) == 10);
    CHECK_THROWS_AS(lab::place_sparse(1, lab::parse_cidr("10.77.0.0/30"), 3, 1, {}), camaudit::UsageError);
}

TEST_CASE("lab: a sparse range must be a /16 to /30 with no host bits") {
    CHECK(lab::parse_cidr("127.20.0.0/22").to_string() == "127.20.0.0/22");
    for (const auto* bad : {"127.20.0.0", "127.20.0.0/8", "127.20.0.0/31", "127.20.0.1/22", "127.20.0.0/2x", "x/22"})
        CHECK_THROWS_AS(lab::parse_cidr(bad), camaudit::UsageError);
}

TEST_CASE("lab: the drop ruleset silences every unassigned address, locally delivered or routed") {
    const auto rules = lab::drop_unassigned_ruleset(lab::parse_cidr("10.77.0.0/22"),
                                                    {make_address_v4("10.77.0.9"), make_address_v4("10.77.3.1")});
    CHECK(rules.find("elements = { 10.77.0.9, 10.77.3.1 }") != std::string::npos);
    CHECK(rules.find("type filter hook input") != std::string::npos);
    CHECK(rules.find("type filter hook forward") != std::string::npos);
    CHECK(rules.find("ip daddr 10.77.0.0/22 ip daddr != @assigned drop") != std::string::npos);
}

TEST_CASE("lab: a sparse segment plan keeps each vendor MAC once and gives repeats their profile's OUI") {
    const std::vector<lab::Profile> profiles = {profile_with_mac("hik", "C0:56:E3:5D:20:9B"), profile_with_mac("plain", "")};
    const auto range = lab::parse_cidr("10.77.0.0/24");
    const auto planned = lab::Segment::plan_sparse(profiles, range, 6, 3);
    REQUIRE(planned.size() == 6);
    std::set<std::string> macs;
    int firsts = 0;
    for (const auto& device : planned) {
        macs.insert(device.mac);
        CHECK(device.address != lab::Segment::bridge_address(range));
        if (device.profile->id == "hik") {
            CHECK(device.mac.rfind("c0:56:e3:", 0) == 0);
            firsts += device.mac == "c0:56:e3:5d:20:9b";
        } else {
            CHECK((std::stoi(device.mac.substr(0, 2), nullptr, 16) & 2) == 2);  // locally administered
        }
    }
    CHECK(macs.size() == 6);
    CHECK(firsts == 1);
    CHECK_THROWS_AS(lab::Segment::plan_sparse(profiles, lab::parse_cidr("10.78.0.0/24"), 2, 1), camaudit::UsageError);
}
