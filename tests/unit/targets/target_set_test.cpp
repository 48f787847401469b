// Proves that the scan scope is exactly the union of the includes minus the exclusions, that
// size/at/contains agree on mixed IPv4/IPv6 scopes, and that the scope guard stops bad scans.
#include <doctest/doctest.h>
#include <camaudit/error.hpp>
#include "fake_resolver.hpp"
#include <stdexcept>
#include <string>
#include <targets/target_set.hpp>

using namespace camaudit;
using namespace camaudit::targets;
using boost::asio::ip::make_address;

namespace {

TargetSet build(std::vector<std::string> include, std::vector<std::string> exclude = {},
                bool allow_large = false) {
    std::vector<ReportError> errors;
    auto set = TargetSet::build({std::move(include), std::move(exclude), allow_large},
                                test::FakeResolver{}.resolver(), errors);
    CHECK(errors.empty());
    return set;
}

std::string at_text(const TargetSet& set, std::uint64_t index) { return set.at(index).to_string(); }

bool has(const TargetSet& set, const char* address) { return set.contains(make_address(address)); }

// The usage error a spec gives; fails the test if it builds.
UsageError usage_error(std::vector<std::string> include, std::vector<std::string> exclude = {},
                       bool allow_large = false) {
    std::vector<ReportError> errors;
    try {
        TargetSet::build({std::move(include), std::move(exclude), allow_large},
                         test::FakeResolver{}.resolver(), errors);
    } catch (const UsageError& e) {
        return e;
    }
    FAIL("no UsageError");
    return UsageError("");
}

// Every index maps to an address the set contains, in strictly increasing order per family.
void check_index_agrees(const TargetSet& set) {
    for (std::uint64_t i = 0; i < set.size(); ++i) {
        INFO("index ", i);
        REQUIRE(set.contains(set.at(i)));
        if (i > 0 && set.at(i).is_v4() == set.at(i - 1).is_v4()) REQUIRE(set.at(i - 1) < set.at(i));
    }
}

}  // namespace

TEST_CASE("overlapping includes are counted once and touching ones are joined") {
    const auto set = build({"10.0.0.0/24", "10.0.0.128-10.0.1.10", "10.0.0.7", "10.0.1.11-12"});
    CHECK(set.size() == 256 + 13);
    CHECK(at_text(set, 0) == "10.0.0.0");
    CHECK(at_text(set, 255) == "10.0.0.255");
    CHECK(at_text(set, 256) == "10.0.1.0");
    CHECK(at_text(set, 268) == "10.0.1.12");
    CHECK_FALSE(has(set, "10.0.1.13"));
    CHECK_FALSE(has(set, "9.255.255.255"));
    check_index_agrees(set);
}

TEST_CASE("exclusions win over includes") {
    SUBCASE("an exclusion covering part of a range") {
        const auto set = build({"10.0.0.0/24"}, {"10.0.0.0/25"});
        CHECK(set.size() == 128);
        CHECK(at_text(set, 0) == "10.0.0.128");
        CHECK_FALSE(has(set, "10.0.0.127"));
        CHECK(has(set, "10.0.0.128"));
    }
    SUBCASE("an exclusion covering a whole range leaves the other includes") {
        const auto set = build({"10.0.0.0/28", "192.0.2.1"}, {"10.0.0.0/24"});
        CHECK(set.size() == 1);
        CHECK(at_text(set, 0) == "192.0.2.1");
    }
    SUBCASE("a single address in the middle") {
        const auto set = build({"10.0.0.1-10"}, {"10.0.0.5"});
        CHECK(set.size() == 9);
        CHECK(at_text(set, 3) == "10.0.0.4");
        CHECK(at_text(set, 4) == "10.0.0.6");
        CHECK_FALSE(has(set, "10.0.0.5"));
        check_index_agrees(set);
    }
    SUBCASE("one exclusion spanning several includes, and exclusions outside the scope") {
        const auto set = build({"10.0.0.1-3", "10.0.0.8-9", "10.0.0.20-22"},
                               {"10.0.0.2-10.0.0.20", "172.16.0.0/12", "fd00::/112"});
        CHECK(set.size() == 3);
        CHECK(at_text(set, 0) == "10.0.0.1");
        CHECK(at_text(set, 1) == "10.0.0.21");
        CHECK(at_text(set, 2) == "10.0.0.22");
    }
    SUBCASE("IPv6 exclusions") {
        const auto set = build({"fd00::/120"}, {"fd00::10-fd00::1f"});
        CHECK(set.size() == 240);
        CHECK_FALSE(has(set, "fd00::10"));
        CHECK(has(set, "fd00::20"));
        CHECK(at_text(set, 16) == "fd00::20");
    }
}

TEST_CASE("mixed IPv4 and IPv6 scopes have an exact size, index and membership") {
    const auto set = build({"2001:db8::/126", "192.0.2.0/30", "10.0.0.1", "::1", "2001:db8::2"});
    CHECK(set.size() == 10);  // 2001:db8::2 lies inside the /126: counted once
    CHECK(at_text(set, 0) == "10.0.0.1");
    CHECK(at_text(set, 1) == "192.0.2.0");
    CHECK(at_text(set, 4) == "192.0.2.3");
    CHECK(at_text(set, 5) == "::1");
    CHECK(at_text(set, 6) == "2001:db8::");
    CHECK(at_text(set, 9) == "2001:db8::3");
    CHECK(has(set, "2001:db8::4") == false);
    CHECK(has(set, "::2") == false);
    CHECK_FALSE(has(set, "0.0.0.1"));  // ::1 is IPv6 only
    CHECK_THROWS_AS(set.at(10), std::out_of_range);
    check_index_agrees(set);
}

TEST_CASE("host names resolve once, to every address, and a failure is recorded, not fatal") {
    test::FakeResolver fake;
    fake.table["cam.example"] = {"10.1.1.1", "fd00::1"};
    fake.table["nvr.example"] = {"10.1.1.2"};
    std::vector<ReportError> errors;
    const auto set = TargetSet::build(
        {{"cam.example", "gone.example", "cam.example", "10.9.9.9"}, {"nvr.example"}, false},
        fake.resolver(), errors);
    CHECK(set.size() == 3);
    CHECK(has(set, "10.1.1.1"));
    CHECK(has(set, "fd00::1"));
    CHECK(has(set, "10.9.9.9"));
    CHECK((*fake.calls)["cam.example"] == 1);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].target == "gone.example");
    CHECK(errors[0].probe == "resolve");
    CHECK(errors[0].message == "Host not found (authoritative)");
}

TEST_CASE("an excluded host name that resolves is excluded, and one that does not stops the run") {
    test::FakeResolver fake;
    fake.table["nvr.example"] = {"10.0.0.5"};
    std::vector<ReportError> errors;
    const auto set = TargetSet::build({{"10.0.0.1-10"}, {"nvr.example"}, false}, fake.resolver(),
                                      errors);
    CHECK(set.size() == 9);
    CHECK_FALSE(has(set, "10.0.0.5"));
    CHECK_THROWS_WITH_AS(
        TargetSet::build({{"10.0.0.1-10"}, {"gone.example"}, false}, fake.resolver(), errors),
        "cannot resolve excluded host 'gone.example': Host not found (authoritative)", UsageError);
}

TEST_CASE("the scope guard: no target, nothing resolved, everything excluded") {
    const auto none = usage_error({}, {"10.0.0.1"});
    CHECK(std::string(none.what()) == "no target given");
    CHECK(none.hint().find("camaudit scan 192.168.1.0/24") != std::string::npos);

    const auto unresolved = usage_error({"gone.example", "lost.example"});
    CHECK(std::string(unresolved.what()) ==
          "no target address: host name(s) 'gone.example', 'lost.example' did not resolve");

    const auto excluded = usage_error({"10.0.0.0/24", "10.0.1.1"}, {"10.0.0.0/23"});
    CHECK(std::string(excluded.what()).find("every target was excluded") == 0);
}

TEST_CASE("the scope guard: more than 65,536 addresses needs allow_large") {
    CHECK(build({"10.0.0.0/16"}).size() == 65536);
    const auto large = usage_error({"10.0.0.0/15"});
    CHECK(std::string(large.what()) ==
          "the scope holds 131,072 addresses, more than 65,536 (a /16); pass --allow-large to "
          "scan it, or narrow the range");
    CHECK(build({"10.0.0.0/15"}, {}, true).size() == 131072);
    CHECK(std::string(usage_error({"fd00::/112", "fd01::/112"}).what()).find("131,072") !=
          std::string::npos);
    // The guard counts what would be scanned, after exclusions.
    CHECK(build({"10.0.0.0/8"}, {"10.1.0.0-10.255.255.255"}).size() == 65536);

    const auto everything = build({"0.0.0.0/0"}, {}, true);
    CHECK(everything.size() == (std::uint64_t{1} << 32));
    CHECK(at_text(everything, (std::uint64_t{1} << 32) - 1) == "255.255.255.255");
    CHECK(everything.contains(make_address("8.8.8.8")));
}

TEST_CASE("a malformed target or exclusion is a usage error quoting the token") {
    const auto bad = usage_error({"10.0.0.0/24", "10.0.0.300"});
    CHECK(std::string(bad.what()) == "bad target '10.0.0.300': octet 300 out of range (0-255)");
    CHECK(bad.hint().find("accepted forms: 192.0.2.7, 192.0.2.0/24") == 0);

    const auto bad_exclusion = usage_error({"10.0.0.0/24"}, {"10.0.0.0/33"});
    CHECK(std::string(bad_exclusion.what()) ==
          "bad exclusion '10.0.0.0/33': prefix length 33 out of range (0-32)");

    for (std::string token : {"10.0.0.0/-1", "10.0.0.0/abc", "10.0.0.9-10.0.0.1", "10.0.0.1-::1",
                              "", "10.0.0.1junk", "2001:db8::/64"}) {
        INFO(token);
        CHECK(std::string(usage_error({token}).what()).find("bad target '" + token + "': ") == 0);
    }
    const auto hostile = usage_error({std::string("10.0.0.1\x1b[2J", 12)});
    CHECK(std::string(hostile.what()).find("bad target '10.0.0.1\\x1b[2J'") == 0);
    const auto overlong = usage_error({std::string(5000, '9')});
    CHECK(std::string(overlong.what()).find("(5000 characters)': longer than 256") !=
          std::string::npos);
}
