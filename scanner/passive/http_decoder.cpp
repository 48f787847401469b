// HTTP answers in clear as a capture shows them: each answer in the server's first bytes
// gives the same observations as the active probe's, except the request's method and path,
// which live in the other direction (http.path.status is not emitted). The client's own
// headers (Host, User-Agent) are not device facts and are never read.
#include <passive/http_decoder.hpp>

#include <parse/http_stream.hpp>
#include <passive/decoder_support.hpp>

#include <algorithm>

namespace camaudit::passive {
namespace {

constexpr std::string_view emits[] = {
    "http.header.server", "http.header.www_authenticate", "http.auth.realm",
    "http.body.title",    "http.body.text",               "http.cookie.name",
    "http.header.names",  "http.header.location",         "http.header.line",
};

bool wants(const Packet& packet) {
    return packet.transport == Transport::tcp && payload_starts_with(packet, "HTTP/1.");
}

bool decode(const Packet& packet, std::vector<Observation>& out) {
    const auto answers = parse::http_answers_in_stream(payload_text(packet));
    if (answers.empty()) return false;
    Observation base = sender_observation(packet, "http", sender_on_link(packet));
    base.context = "passive capture: HTTP answer";
    for (const auto& answer : answers) {
        auto found = parse::http_observations(answer, base, decoder_max_value_bytes);
        std::erase_if(found, [](const Observation& o) { return o.key == "http.path.status"; });
        append_observations(std::move(found), packet, out);
    }
    return true;
}

}  // namespace

const PassiveDecoder http_decoder{
    "http",
    "HTTP answers in clear in captured TCP flows: Server, realm, title, cookies, header lines",
    emits,
    "tcp port 80 or tcp port 81 or tcp port 82 or tcp port 88 or tcp port 5000 or tcp port 8000 or "
    "tcp port 8080 or tcp port 8081 or tcp port 8800 or tcp port 8888 or tcp port 9000",
    &wants,
    &decode,
};

}  // namespace camaudit::passive
