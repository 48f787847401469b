// Proves the rtsp decoder reads every reply in a server's captured bytes into the rtsp
// probe's observations, names the method only when the reply shows it, and stops at
// interleaved media or anything that is not RTSP.
#include "decoder_packets.hpp"

#include <passive/rtsp_decoder.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>

using camaudit::passive::rtsp_decoder;

namespace {

// OPTIONS then DESCRIBE without credentials (research profile hik-ipc-ds2cd2142fwd-i-v550),
// then an SDP from a DESCRIBE the camera allowed, then interleaved RTP.
const std::string sdp = "v=0\r\no=- 1 1 IN IP4 192.168.1.64\r\ns=Media Presentation\r\ni=session info\r\n"
                        "a=tool:LIVE555 Streaming Media v2017.10.28\r\nm=video 0 RTP/AVP 96\r\n";
const std::string hikvision_stream =
    "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n"
    "Date:  Tue, Jan 14 2025 08:12:46 GMT\r\n\r\n"
    "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"IP Camera(C2183)\", "
    "nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\"\r\nDate:  Tue, Jan 14 2025 08:12:46 GMT\r\n\r\n"
    "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: " + std::to_string(sdp.size()) +
    "\r\n\r\n" + sdp + "$\x00\x00\x10" + std::string(16, '\x80');

}  // namespace

TEST_CASE("rtsp decoder: OPTIONS, a 401 and an SDP give public, realm, session fields and known methods") {
    const auto packet = decoder_test::tcp_from_server(554, hikvision_stream);
    REQUIRE(rtsp_decoder.wants(packet));
    std::vector<camaudit::Observation> out;
    REQUIRE(rtsp_decoder.decode(packet, out));
    std::multimap<std::string, std::string> values;
    for (const auto& o : out) {
        values.emplace(o.key, o.value);
        CHECK(o.ip == "192.168.1.64");
        CHECK(o.port == 554);
        CHECK(o.mac.empty());
        CHECK(o.probe == "passive:rtsp");
        INFO(o.key);
        CHECK(decoder_test::declares(rtsp_decoder, o.key));
    }
    CHECK(values.find("rtsp.header.public")->second.starts_with("OPTIONS, DESCRIBE, PLAY"));
    CHECK(values.find("rtsp.auth.realm")->second == "IP Camera(C2183)");
    CHECK(values.find("rtsp.sdp.session_name")->second == "Media Presentation");
    CHECK(values.find("rtsp.sdp.tool")->second == "LIVE555 Streaming Media v2017.10.28");
    CHECK(values.count("rtsp.header.names") == 3);
    // The 401 does not say which request it answers: no rtsp.status for it.
    CHECK(values.count("rtsp.status") == 2);
    std::set<std::string> statuses;
    for (auto [it, end] = values.equal_range("rtsp.status"); it != end; ++it) statuses.insert(it->second);
    CHECK(statuses == std::set<std::string>{"OPTIONS 200", "DESCRIBE 200"});
}

TEST_CASE("rtsp decoder: a head cut short still gives its fields, junk and requests are refused") {
    std::vector<camaudit::Observation> out;
    CHECK(rtsp_decoder.decode(decoder_test::tcp_from_server(554, "RTSP/1.0 200 OK\r\nServer: Rtsp Server/3.0\r\nPub"), out));
    REQUIRE_FALSE(out.empty());
    CHECK(out[0].key == "rtsp.header.server");
    CHECK(out[0].value == "Rtsp Server/3.0");
    out.clear();
    CHECK_FALSE(rtsp_decoder.decode(decoder_test::tcp_from_server(554, "RTSP/1.0 OK\r\n\r\n"), out));
    CHECK(out.empty());
    CHECK_FALSE(rtsp_decoder.wants(decoder_test::tcp_from_server(554, "OPTIONS rtsp://x/ RTSP/1.0\r\n\r\n")));
    CHECK_FALSE(rtsp_decoder.wants(decoder_test::tcp_from_server(554, "HTTP/1.0 400 Bad\r\n\r\n")));
}
