// Proves the dhip decoder turns a Dahua notifyDevInfo answer heard on UDP 37810 into the dhip
// probe's observations, ignores a search request, and refuses lying framing.
#include "decoder_packets.hpp"

#include <parse/dhip_answer.hpp>
#include <passive/dhip_decoder.hpp>

#include <doctest/doctest.h>

#include <map>

using camaudit::passive::dhip_decoder;

namespace {

// The IPC-HDW5831R-ZE answer (research profile dahua-ipc-hdw5831r-ze).
const std::string answer = camaudit::parse::dhip_datagram(
    R"({"mac":"3C:EF:8C:A1:5B:60","method":"client.notifyDevInfo","params":{"deviceInfo":{)"
    R"("DeviceClass":"IPC","DeviceType":"IPC-HDW5831R-ZE","SerialNo":"4X7C5A1ZAG2XXXX","Vendor":"General",)"
    R"("Manufacturer":"Private","Version":"2.800.0000016.0.R","MachineName":"cam","Port":37777}}})");

}  // namespace

TEST_CASE("dhip decoder: a multicast notifyDevInfo names model, serial, vendor, firmware and MAC") {
    const auto packet = decoder_test::udp(37810, 37810, answer, true);
    REQUIRE(dhip_decoder.wants(packet));
    std::vector<camaudit::Observation> out;
    REQUIRE(dhip_decoder.decode(packet, out));
    std::map<std::string, std::string> values;
    for (const auto& o : out) {
        values[o.key] = o.value;
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.mac == "3c:ef:8c:a1:5b:60");  // the device's own word beats the frame's
        CHECK(o.probe == "passive:dhip");
        INFO(o.key);
        CHECK(decoder_test::declares(dhip_decoder, o.key));
    }
    CHECK(values["dhip.device_type"] == "IPC-HDW5831R-ZE");
    CHECK(values["dhip.device_class"] == "IPC");
    CHECK(values["dhip.serial"] == "4X7C5A1ZAG2XXXX");
    CHECK(values["dhip.vendor"] == "General");
    CHECK(values["dhip.version"] == "2.800.0000016.0.R");
    CHECK(values["dhip.mac"] == "3c:ef:8c:a1:5b:60");
}

TEST_CASE("dhip decoder: a search is DHIP but says nothing, short and lying datagrams are refused") {
    std::vector<camaudit::Observation> out;
    const std::string search = camaudit::parse::dhip_search_request();
    const auto asked = decoder_test::udp(51000, 37810, search, true);
    REQUIRE(dhip_decoder.wants(asked));
    CHECK(dhip_decoder.decode(asked, out));
    CHECK(out.empty());
    std::string lying = answer;
    lying[17] = '\x7f';  // body length far beyond the datagram
    CHECK_FALSE(dhip_decoder.decode(decoder_test::udp(37810, 37810, lying, true), out));
    CHECK(out.empty());
    CHECK_FALSE(dhip_decoder.wants(decoder_test::udp(37810, 37810, answer.substr(0, 6), true)));
    CHECK_FALSE(dhip_decoder.wants(decoder_test::udp(37811, 5000, answer, true)));
}
