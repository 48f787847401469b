// Proves that camaudit-lab runs a command inside the lab's namespace, where the command sees
// the devices, and exits with the command's exit code; and that --list starts nothing.
#include "lab_test_support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <set>
#include <cstdio>
#include <sys/wait.h>

using camaudit::lab::test::ScratchDir;

namespace {

struct Outcome {
    int exit_code = -1;
    std::string out;
};

// Runs a shell command line, capturing stdout; stderr (the placement) goes to the test log.
Outcome run(const std::string& command_line) {
    Outcome outcome;
    FILE* pipe = popen(command_line.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> chunk{};
    for (std::size_t n = 0; (n = fread(chunk.data(), 1, chunk.size(), pipe)) > 0;) outcome.out.append(chunk.data(), n);
    const int status = pclose(pipe);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

std::string harness(const ScratchDir& dir) {
    return std::string(CAMAUDIT_LAB_HARNESS) + " --devices " + dir.path().string();
}

}  // namespace

TEST_CASE("lab: camaudit-lab returns the command's exit code") {
    ScratchDir dir;
    camaudit::lab::test::write_sample_profiles(dir);
    CHECK(run(harness(dir) + " -- /bin/sh -c 'exit 7'").exit_code == 7);
    CHECK(run(harness(dir) + " -- /bin/true").exit_code == 0);
}

TEST_CASE("lab: the command run by camaudit-lab sees the lab's devices") {
    ScratchDir dir;
    camaudit::lab::test::write_sample_profiles(dir);
    const auto outcome = run(harness(dir) +
        R"( -- /bin/bash -c 'exec 3<>/dev/tcp/127.0.1.2/80 && printf "GET / HTTP/1.0\r\n\r\n" >&3 && head -c 100 <&3; exit 7')");
    CHECK(outcome.exit_code == 7);
    CHECK(outcome.out.starts_with("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"beta\""));
}

TEST_CASE("lab: camaudit-lab --list prints the placement and each device's truth as JSON and starts nothing") {
    ScratchDir dir;
    camaudit::lab::test::write_sample_profiles(dir);
    const auto outcome = run(harness(dir) + " --first 127.0.2.10 --list");
    REQUIRE(outcome.exit_code == 0);
    const auto list = nlohmann::json::parse(outcome.out);
    REQUIRE(list.size() == 3);
    CHECK(list[0]["id"] == "alpha-cam");
    CHECK(list[0]["profile"] == "alpha-cam");
    CHECK(list[0]["address"] == "127.0.2.10");
    CHECK(list[0]["ports"] == nlohmann::json::parse("[80, 443, 554, 8000, 9999]"));
    CHECK(list[0]["vendor"] == "Alpha");
    CHECK(list[0]["banned"] == false);
    CHECK(list[0]["truth"]["is_camera"] == true);
    CHECK(list[1]["banned"] == "either");
    CHECK(list[2]["address"] == "127.0.2.12");
}

TEST_CASE("lab: camaudit-lab --sparse --list scatters the devices by seed, and repeats them for a density") {
    ScratchDir dir;
    camaudit::lab::test::write_sample_profiles(dir);
    const auto first = run(harness(dir) + " --sparse 127.20.0.0/22 --density 0.01 --seed 5 --list");
    REQUIRE(first.exit_code == 0);
    const auto list = nlohmann::json::parse(first.out);
    CHECK(list.size() == 10);  // 1 % of 1,022 hosts
    std::set<std::string> ids;
    for (const auto& device : list) ids.insert(device["id"].get<std::string>());
    CHECK(ids.size() == 10);
    CHECK(ids.count("alpha-cam~2") == 1);
    CHECK(run(harness(dir) + " --sparse 127.20.0.0/22 --density 0.01 --seed 5 --list").out == first.out);
    CHECK(run(harness(dir) + " --sparse 10.77.0.0/22 --list 2>/dev/null").exit_code == 2);  // loopback only
    CHECK(run(harness(dir) + " --segment --sparse 127.20.0.0/22 --list 2>/dev/null").exit_code == 2);  // 10.77/16 only
}

TEST_CASE("lab: camaudit-lab rejects a bad profile folder and a first address off loopback") {
    ScratchDir dir;
    dir.write("bad.json", "[]");
    CHECK(run(harness(dir) + " --list 2>/dev/null").exit_code == 2);
    camaudit::lab::test::write_sample_profiles(dir);
    dir.write("bad.json", R"({"id": "bad", "open_tcp_ports": []})");
    CHECK(run(harness(dir) + " --first 192.168.1.1 --list 2>/dev/null").exit_code == 2);
}
