// libFuzzer entry point for the passive decoders of wsd, sadp, dhip, http, rtsp, tls, ssdp and
// mdns: any payload, on any transport and port, must be wanted or not, decoded or refused,
// without a crash; what is emitted is a declared key about the sender, valid UTF-8, capped.
#include <passive/dhip_decoder.hpp>
#include <passive/http_decoder.hpp>
#include <passive/mdns_decoder.hpp>
#include <passive/rtsp_decoder.hpp>
#include <passive/sadp_decoder.hpp>
#include <passive/ssdp_decoder.hpp>
#include <passive/tls_decoder.hpp>
#include <passive/wsd_decoder.hpp>
#include <parse/http_answer.hpp>
#include <parse/text.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace camaudit;

const std::array<const PassiveDecoder*, 8> decoders = {
    &passive::wsd_decoder,  &passive::sadp_decoder, &passive::dhip_decoder, &passive::http_decoder,
    &passive::rtsp_decoder, &passive::tls_decoder,  &passive::ssdp_decoder, &passive::mdns_decoder,
};
constexpr std::uint16_t ports[] = {3702, 37020, 37810, 80, 554, 443, 1900, 5353};

bool valid_utf8(const std::string& value) { return parse::to_valid_utf8(value, value.size() + 1) == value; }

void check(const PassiveDecoder& decoder, const Observation& o) {
    const bool declared = std::find(decoder.emits.begin(), decoder.emits.end(), o.key) != decoder.emits.end();
    const std::size_t cap = o.key == "http.body.text" ? parse::max_body_observation_bytes : 4096;
    if (!declared || o.ip != "192.0.2.1" || o.probe != "passive:" + std::string(decoder.name)) __builtin_trap();
    if (o.value.size() > cap || !valid_utf8(o.value)) __builtin_trap();
    if (!o.mac.empty() && o.mac.size() != 17) __builtin_trap();
}

}  // namespace

// Byte 0 picks the decoder (and its usual port), byte 1 the transport and multicast flag;
// the rest is the payload.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t which = data[0] % decoders.size();
    Packet packet;
    packet.src_mac = {{0x02, 0, 0, 0, 0, 1}, false};
    packet.src_ip.bytes = {192, 0, 2, 1};
    packet.src_ip.empty = false;
    packet.transport = (data[1] & 1) != 0 ? Transport::tcp : Transport::udp;
    packet.multicast = (data[1] & 2) != 0;
    packet.src_port = ports[which];
    packet.dst_port = 50000;
    packet.payload = {data + 2, size - 2};
    const PassiveDecoder& decoder = *decoders[which];
    if (!decoder.wants(packet)) return 0;
    std::vector<Observation> out;
    decoder.decode(packet, out);
    for (const auto& o : out) check(decoder, o);
    return 0;
}
