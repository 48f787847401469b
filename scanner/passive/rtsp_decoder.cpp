// RTSP replies in clear as a capture shows them. The reply does not repeat its request, so
// the method of rtsp.status is read from what only its answer carries (Public: OPTIONS, an
// SDP: DESCRIBE, Transport: SETUP, RTP-Info: PLAY); when none does, rtsp.status is left out.
#include <passive/rtsp_decoder.hpp>

#include <parse/rtsp_answer.hpp>
#include <parse/text.hpp>
#include <passive/decoder_support.hpp>

#include <algorithm>

namespace camaudit::passive {
namespace {

constexpr std::size_t max_replies = 8;  // per flow: OPTIONS, DESCRIBE, SETUP, PLAY, ...

bool wants(const Packet& packet) {
    return packet.transport == Transport::tcp && payload_starts_with(packet, "RTSP/1.");
}

bool has_header(const parse::RtspAnswer& answer, std::string_view name) {
    return std::any_of(answer.headers.begin(), answer.headers.end(),
                       [&](const auto& field) { return parse::ascii_lower(field.first) == name; });
}

std::string_view method_of(const parse::RtspAnswer& answer) {
    if (has_header(answer, "public")) return "OPTIONS";
    if (answer.body.starts_with("v=0")) return "DESCRIBE";
    if (has_header(answer, "rtp-info")) return "PLAY";
    if (has_header(answer, "transport")) return "SETUP";
    return {};
}

void emit_reply(const parse::RtspAnswer& answer, const Observation& base, const Packet& packet,
                std::vector<Observation>& out) {
    const std::string_view method = method_of(answer);
    auto found = parse::rtsp_observations(answer, method.empty() ? "?" : method, base, decoder_max_value_bytes);
    if (method.empty()) std::erase_if(found, [](const Observation& o) { return o.key == "rtsp.status"; });
    append_observations(std::move(found), packet, out);
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    std::string_view stream = payload_text(packet);
    Observation base = sender_observation(packet, "rtsp", sender_on_link(packet));
    base.context = "passive capture: RTSP reply";
    std::size_t replies = 0;
    while (replies < max_replies && stream.starts_with("RTSP/")) {
        const std::size_t head_length = parse::rtsp_head_length(stream).value_or(stream.size());
        auto head = parse::parse_rtsp_head(stream.substr(0, head_length));
        if (head.outcome != parse::RtspParse::ok) break;
        stream.remove_prefix(head_length);
        const std::size_t body_length = std::min(head.content_length, stream.size());
        head.answer.body = std::string(stream.substr(0, body_length));
        stream.remove_prefix(body_length);
        emit_reply(head.answer, base, packet, out);
        ++replies;
    }
    return replies > 0;
}

}  // namespace

const PassiveDecoder rtsp_decoder{
    "rtsp",
    "RTSP replies in clear in captured TCP flows: Server, Public, realm, SDP session fields",
    parse::rtsp_observation_keys,
    "tcp port 554 or tcp port 8554 or tcp port 10554",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
