// Proves that device profiles load from real files (the shipped ones included), that a bad
// profile stops the lab with the file named, and that devices are placed at first+i in id order.
#include "lab_test_support.hpp"

#include <camaudit/error.hpp>

#include <doctest/doctest.h>

namespace lab = camaudit::lab;
using lab::test::ScratchDir;

namespace {

std::string data_error_of(const ScratchDir& dir) {
    try {
        lab::load_profiles(dir.path());
    } catch (const camaudit::DataError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("lab: every shipped device profile loads, sorted by id") {
    const auto profiles = lab::load_profiles(CAMAUDIT_SOURCE_LAB_DIR);
    REQUIRE(profiles.size() >= 40);
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        INFO(profiles[i].id);
        CHECK(profiles[i].data["id"] == profiles[i].id);
        if (i > 0) CHECK(profiles[i - 1].id < profiles[i].id);
        CHECK(std::is_sorted(profiles[i].tcp_ports.begin(), profiles[i].tcp_ports.end()));
    }
}

TEST_CASE("lab: sample profiles load with ports sorted and header order kept") {
    ScratchDir dir;
    lab::test::write_sample_profiles(dir);
    dir.write("notes.txt", "not a profile");
    const auto profiles = lab::load_profiles(dir.path());
    REQUIRE(profiles.size() == 3);
    CHECK(profiles[0].id == "alpha-cam");
    CHECK(profiles[0].tcp_ports == std::vector<std::uint16_t>{80, 443, 554, 8000, 9999});
    CHECK(profiles[2].tcp_ports.empty());
    std::vector<std::string> names;
    for (const auto& [name, value] : profiles[0].data["http"][0]["headers"].items()) names.push_back(name);
    CHECK(names == std::vector<std::string>{"Server", "CONNECTION", "content-length"});
}

TEST_CASE("lab: a bad profile is a DataError naming the file and the field") {
    ScratchDir dir;
    SUBCASE("not JSON") {
        dir.write("broken.json", "{\"id\": ");
        CHECK(data_error_of(dir).find("broken.json: is not valid JSON") != std::string::npos);
    }
    SUBCASE("http port that is not open") {
        dir.write("odd.json", R"({"id": "odd", "open_tcp_ports": [80], "http_ports": [8080]})");
        const auto message = data_error_of(dir);
        CHECK(message.find("odd.json") != std::string::npos);
        CHECK(message.find("http_ports has port 8080") != std::string::npos);
    }
    SUBCASE("header value that is a number") {
        dir.write("num.json", R"({"id": "num", "open_tcp_ports": [80], "http": [
            {"method": "GET", "path": "/", "status": 200, "headers": {"Content-Length": 5}, "body": "hello"}]})");
        CHECK(data_error_of(dir).find("num.json: http[0].headers.Content-Length") != std::string::npos);
    }
    SUBCASE("two files with one id") {
        dir.write("a.json", R"({"id": "same", "open_tcp_ports": []})");
        dir.write("b.json", R"({"id": "same", "open_tcp_ports": []})");
        CHECK(data_error_of(dir).find("id \"same\" is used by another profile") != std::string::npos);
    }
    SUBCASE("bad banner hex") {
        dir.write("hex.json", R"({"id": "hex", "open_tcp_ports": [8000], "tcp_8000_banner_hex": "0g"})");
        CHECK(data_error_of(dir).find("hex.json: tcp_8000_banner_hex") != std::string::npos);
    }
}

TEST_CASE("lab: devices are placed at first+i in id order, portless ones included") {
    ScratchDir dir;
    lab::test::write_sample_profiles(dir);
    const lab::Lab the_lab(lab::load_profiles(dir.path()), boost::asio::ip::make_address_v4("127.0.9.250"));
    const auto& places = the_lab.placements();
    REQUIRE(places.size() == 3);
    CHECK(places[0].id == "alpha-cam");
    CHECK(places[0].address.to_string() == "127.0.9.250");
    CHECK(places[2].id == "gamma-hub");
    CHECK(places[2].address.to_string() == "127.0.9.252");
    CHECK(places[2].profile->id == "gamma-hub");
}

TEST_CASE("lab: a lab outside 127.0.0.0/8 is refused") {
    ScratchDir dir;
    lab::test::write_sample_profiles(dir);
    CHECK_THROWS_AS(lab::Lab(lab::load_profiles(dir.path()), boost::asio::ip::make_address_v4("10.0.0.1")),
                    camaudit::UsageError);
    CHECK_THROWS_AS(lab::Lab(lab::load_profiles(dir.path()), boost::asio::ip::make_address_v4("127.255.255.254")),
                    camaudit::UsageError);
}
