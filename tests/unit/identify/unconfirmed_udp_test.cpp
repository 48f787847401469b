// Proves the "unconfirmed UDP claim" rule (issue 14, docs/identification.md): a vendor named
// only by DHIP or SSDP answers (no request id; heard actively or passively) is flagged, and a
// TCP answer (an open port of the vendor's own included), SSDP's LOCATION fetch or a MAC on
// the wire naming the same vendor confirms it; a nonce-bound SADP answer needs no confirmation.
#include <doctest/doctest.h>

#include "shipped_knowledge.hpp"

namespace {

using camaudit::Device;
using camaudit::Observation;

constexpr const char* dahua_mac = "3c:ef:8c:a1:b2:c3";

Observation udp(const std::string& probe, const std::string& key, const std::string& value, std::uint16_t port,
                const std::string& mac = {}) {
    Observation o = camaudit::testing::observed_on_port_80(mac, key, value, probe);
    o.port = port;
    o.proto = "udp";
    return o;
}

std::vector<Observation> dhip_answer(const std::string& probe = "dhip") {
    return {udp(probe, "dhip.device_type", "IPC-HFW2431S-S-S2", 37810, dahua_mac),
            udp(probe, "dhip.vendor", "Dahua", 37810, dahua_mac)};
}

Device one(const std::vector<Observation>& observations) {
    const auto devices = camaudit::identify::identify_devices(observations, camaudit::testing::shipped_knowledge());
    REQUIRE(devices.size() == 1);
    return devices.front();
}

}  // namespace

TEST_CASE("unconfirmed udp: a Dahua named by a DHIP answer alone, its own stated MAC included, is unconfirmed") {
    const auto device = one(dhip_answer());
    CHECK(device.vendor == "Dahua");
    CHECK(device.vendor_unconfirmed);
}

TEST_CASE("unconfirmed udp: a DHIP answer heard passively is no better") {
    const auto device = one(dhip_answer("passive:dhip"));
    CHECK(device.vendor == "Dahua");
    CHECK(device.vendor_unconfirmed);
}

TEST_CASE("unconfirmed udp: the same MAC seen on the wire (ARP) confirms the DHIP claim") {
    auto observations = dhip_answer();
    Observation arp = camaudit::testing::observed_on_port_80(dahua_mac, "arp.reply", "10.0.0.9", "arp");
    arp.port = 0;
    arp.proto.clear();
    observations.push_back(arp);
    const auto device = one(observations);
    CHECK(device.vendor == "Dahua");
    CHECK_FALSE(device.vendor_unconfirmed);
}

TEST_CASE("unconfirmed udp: a TCP answer naming Dahua confirms the DHIP claim") {
    auto observations = dhip_answer();
    observations.push_back(camaudit::testing::observed_on_port_80({}, "http.auth.realm", "Login to 6G0A1B2PAZC3D4E", "http"));
    const auto device = one(observations);
    CHECK(device.vendor == "Dahua");
    CHECK_FALSE(device.vendor_unconfirmed);
}

TEST_CASE("unconfirmed udp: Dahua's own DVRIP port open on the host (TCP 37777) confirms the DHIP claim") {
    auto observations = dhip_answer();
    Observation open = camaudit::testing::observed_on_port_80({}, "tcp.port.open", "dahua-dvrip", "tcp_connect");
    open.port = 37777;
    observations.push_back(open);
    const auto device = one(observations);
    CHECK(device.vendor == "Dahua");
    CHECK_FALSE(device.vendor_unconfirmed);
}

TEST_CASE("unconfirmed udp: an SSDP SERVER header alone is unconfirmed, its LOCATION fetch (TCP) confirms it") {
    const Observation server = udp("ssdp", "ssdp.header.server", "Linux/4.9.0-axis1, UPnP/1.0, Portable SDK for UPnP devices/1.6.22", 1900);
    const auto alone = one({server});
    CHECK(alone.vendor == "Axis");
    CHECK(alone.vendor_unconfirmed);
    Observation described = camaudit::testing::observed_on_port_80({}, "upnp.description.manufacturer", "AXIS", "ssdp");
    const auto fetched = one({server, described});
    CHECK(fetched.vendor == "Axis");
    CHECK_FALSE(fetched.vendor_unconfirmed);
}

TEST_CASE("unconfirmed udp: a SADP answer (it echoes the probe's Uuid) needs no confirmation") {
    const auto device = one({udp("sadp", "sadp.device_description", "DS-2CD2143G0-I", 37020)});
    CHECK(device.vendor == "Hikvision");
    CHECK_FALSE(device.vendor_unconfirmed);
}
