// Proves --ports lists parse as documented and that every bad token is quoted back.
#include <camaudit/error.hpp>
#include <doctest/doctest.h>
#include <probes/port_table.hpp>
#include <probes/registry.hpp>

#include <string>

using namespace camaudit;

TEST_CASE("port lists: numbers, ranges, default, duplicates once") {
    CHECK(probes::parse_port_list("80,443,8000-8002,80") == std::vector<std::uint16_t>{80, 443, 8000, 8001, 8002});
    const auto defaults = probes::parse_port_list("default");
    CHECK(defaults.size() == probes::default_ports().size());
    CHECK(std::find(defaults.begin(), defaults.end(), 554) != defaults.end());
    CHECK(std::find(defaults.begin(), defaults.end(), 37777) != defaults.end());
    CHECK(probes::service_name(8000) == "hikvision-sdk");
}

TEST_CASE("bad port lists name the bad token") {
    for (const std::string bad : {"0", "65536", "http", "80,,443", "90-80", "80-", ""}) {
        INFO(bad);
        try {
            probes::parse_port_list(bad);
            FAIL("accepted");
        } catch (const UsageError& error) {
            CHECK(std::string(error.what()).find('\'') != std::string::npos);
            CHECK_FALSE(error.hint().empty());
        }
    }
}

TEST_CASE("unknown probe names are refused with the known ones listed") {
    CHECK(probes::select_probes("all").deep.size() == probes::all_probes().size());
    CHECK(probes::select_probes("all").udp.size() == probes::all_udp_probes().size());
    CHECK(probes::select_probes("http").deep.front()->name == "http");
    CHECK(probes::select_probes("http").udp.empty());
    try {
        probes::select_probes("http,telepathy");
        FAIL("accepted");
    } catch (const UsageError& error) {
        CHECK(std::string(error.what()).find("'telepathy'") != std::string::npos);
        CHECK(error.hint().find("http") != std::string::npos);
    }
}
