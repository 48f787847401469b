// Proves the lab's UDP side on real loopback sockets: WS-Discovery, SADP and DHIP answers come
// from the profiles' blocks with our id echoed (or forged when the profile asks), devices
// without a block stay silent, oversized requests get nothing, and stop() closes every socket.
#include "lab_test_support.hpp"

#include <lab/udp_servers.hpp>

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <memory>
#include <optional>

namespace lab = camaudit::lab;

namespace {

// One datagram to address:port from a fresh POSIX socket; the answer within `wait_ms`, if any.
std::optional<std::string> udp_exchange(const std::string& address, std::uint16_t port,
                                        const std::string& request, int wait_ms = 1000) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    ::inet_pton(AF_INET, address.c_str(), &to.sin_addr);
    ::sendto(fd, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    pollfd wait{fd, POLLIN, 0};
    std::optional<std::string> answer;
    if (::poll(&wait, 1, wait_ms) == 1) {
        std::array<char, 65536> buffer{};
        const auto n = ::recv(fd, buffer.data(), buffer.size(), 0);
        if (n > 0) answer = std::string(buffer.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
}

struct ShippedLab {
    std::unique_ptr<lab::Lab> running;
    ShippedLab() {
        lab::test::ensure_private_namespace();
        running = std::make_unique<lab::Lab>(lab::load_profiles(CAMAUDIT_SOURCE_LAB_DIR));
        running->start();
    }
    std::string address(const std::string& id) const {
        for (const auto& place : running->placements())
            if (place.id == id) return place.address.to_string();
        FAIL("no profile " << id);
        return {};
    }
};

const std::string sadp_inquiry =
    R"(<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>9E2C4A7B-5D1F-4E38-A6B0-3C7D8E9F1A2B</Uuid><Types>inquiry</Types></Probe>)";

std::string wsd_probe(const std::string& id) {
    return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header><a:MessageID>" + id +
           "</a:MessageID></s:Header><s:Body><d:Probe/></s:Body></s:Envelope>";
}

}  // namespace

TEST_CASE("lab udp: SADP answers from the profile's reply and echoes our Uuid, a forging device does not") {
    ShippedLab shipped;
    const auto answer = udp_exchange(shipped.address("hik-ipc-ds2cd2032-i-v545"), 37020, sadp_inquiry);
    REQUIRE(answer.has_value());
    CHECK(answer->starts_with("<?xml"));
    CHECK(answer->find("<Uuid>9E2C4A7B-5D1F-4E38-A6B0-3C7D8E9F1A2B</Uuid>") != std::string::npos);
    CHECK(answer->find("<DeviceDescription>DS-2CD2032-I</DeviceDescription>") != std::string::npos);
    const auto forged = udp_exchange(shipped.address("udp-only-forged-sadp"), 37020, sadp_inquiry);
    REQUIRE(forged.has_value());
    CHECK(forged->find("9E2C4A7B") == std::string::npos);
    CHECK_FALSE(udp_exchange(shipped.address("axis-m1065lw-fw9"), 37020, sadp_inquiry, 300).has_value());
    CHECK_FALSE(udp_exchange(shipped.address("hik-ipc-ds2cd2032-i-v545"), 37020, "<Probe/>", 300).has_value());
}

TEST_CASE("lab udp: WS-Discovery answers with the profile's scopes, our RelatesTo and its own XAddr") {
    ShippedLab shipped;
    const auto address = shipped.address("axis-m1065lw-fw9");
    const auto answer = udp_exchange(address, 3702, wsd_probe("urn:uuid:11111111-2222-4333-8444-555555555555"));
    REQUIRE(answer.has_value());
    CHECK(answer->find("RelatesTo>urn:uuid:11111111-2222-4333-8444-555555555555<") != std::string::npos);
    CHECK(answer->find("onvif://www.onvif.org/name/AXIS%20M1065-LW") != std::string::npos);
    CHECK(answer->find("http://" + address + "/onvif/device_service") != std::string::npos);
    const auto forged = udp_exchange(shipped.address("udp-only-forged-wsd"), 3702, wsd_probe("urn:uuid:abc"));
    REQUIRE(forged.has_value());
    CHECK(forged->find("urn:uuid:abc") == std::string::npos);
}

TEST_CASE("lab udp: DHIP answers a DHDiscover.search with the DHIP header and the profile's reply") {
    ShippedLab shipped;
    const std::string body = R"({"method":"DHDiscover.search","params":{"mac":"","uni":1}})";
    std::string request("\x20\0\0\0DHIP\0\0\0\0\0\0\0\0", 16);
    const char length[8] = {static_cast<char>(body.size()), 0, 0, 0, 0, 0, 0, 0};
    request += std::string(length, 8) + std::string(length, 8) + body;
    const auto answer = udp_exchange(shipped.address("dahua-ipc-hdw5831r-ze"), 37810, request);
    REQUIRE(answer.has_value());
    REQUIRE(answer->size() > 32);
    CHECK(answer->substr(4, 4) == "DHIP");
    const auto declared = static_cast<unsigned char>((*answer)[16]) | static_cast<unsigned char>((*answer)[17]) << 8;
    CHECK(static_cast<std::size_t>(declared) == answer->size() - 32);
    CHECK(answer->find("\"DeviceType\":\"IPC-HDW5831R-ZE\"") != std::string::npos);
    CHECK_FALSE(udp_exchange(shipped.address("dahua-ipc-hdw5831r-ze"), 37810,
                             request + std::string(lab::max_udp_request_bytes, ' '), 300).has_value());
}

TEST_CASE("lab udp: stop() closes every UDP socket") {
    lab::test::ensure_private_namespace();
    const int before = lab::test::count_open_fds();
    {
        lab::Lab running(lab::load_profiles(CAMAUDIT_SOURCE_LAB_DIR));
        running.start();
        CHECK(lab::test::count_open_fds() > before);
        running.stop();
    }
    CHECK(lab::test::count_open_fds() == before);
}
