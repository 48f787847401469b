// Proves the RTSP and TLS probes against real servers on loopback inside a private network
// namespace: the device lab's RTSP answers and certificates come back as observations, a
// certificate issued by another name reads as not self-signed, and a closed or non-TLS
// port is an error value, not an exception.
#include <doctest/doctest.h>
#include <lab/lab.hpp>
#include <lab/tls_cert.hpp>
#include <probes/registry.hpp>
#include <probes/rtsp_probe.hpp>
#include <probes/tls_probe.hpp>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace camaudit;
namespace asio = boost::asio;

namespace {

void ensure_private_namespace() {
    if (!lab::in_private_network_namespace()) lab::enter_private_network_namespace();
}

std::multimap<std::string, std::string> by_key(const ProbeResult& result) {
    std::multimap<std::string, std::string> out;
    for (const auto& o : result.observations) out.emplace(o.key, o.value);
    return out;
}

ProbeResult run_probe(const DeepProbe& probe, const std::string& ip, std::uint16_t port) {
    ProbeLimits limits;
    limits.connect_timeout = std::chrono::milliseconds(1000);
    limits.exchange_timeout = std::chrono::milliseconds(2000);
    const ProbeData data{};
    asio::io_context io;
    ProbeTarget target{{asio::ip::make_address(ip), port}, ip};
    auto future = asio::co_spawn(io, probe.run(target, ProbeEnv{limits, data}), asio::use_future);
    io.run();
    return future.get();
}

// One lab device per test, written into a scratch folder.
struct OneDeviceLab {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("camaudit-probes-lab-" + std::to_string(getpid()));
    std::unique_ptr<lab::Lab> running;

    explicit OneDeviceLab(const std::string& profile_json) {
        ensure_private_namespace();
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "device.json") << profile_json;
        running = std::make_unique<lab::Lab>(lab::load_profiles(dir));
        running->start();
    }
    ~OneDeviceLab() {
        running.reset();
        std::filesystem::remove_all(dir);
    }
    std::string ip() const { return running->placements().at(0).address.to_string(); }
};

}  // namespace

TEST_CASE("rtsp: OPTIONS and DESCRIBE without credentials give Server, Public, realm and status") {
    const OneDeviceLab device(R"({"id": "device", "open_tcp_ports": [554], "http_ports": [], "https_ports": [],
      "http": [], "truth": {"vendor": "Dahua", "banned": true, "is_camera": true},
      "rtsp_options": {"status": 200, "headers": {"CSeq": "1", "Server": "Rtsp Server/3.0",
                       "Public": "OPTIONS, DESCRIBE, SETUP"}},
      "rtsp_describe_unauth": {"status": 401, "headers": {"CSeq": "2",
                       "WWW-Authenticate": "Digest realm=\"Login to 4X7C5A1ZAG2XXXX\", nonce=\"1208441829\""}}})");
    const auto result = run_probe(probes::rtsp_probe, device.ip(), 554);
    const auto seen = by_key(result);
    CHECK(result.errors.empty());
    CHECK(result.service == "rtsp");
    CHECK(seen.find("rtsp.header.server")->second == "Rtsp Server/3.0");
    CHECK(seen.find("rtsp.header.public")->second == "OPTIONS, DESCRIBE, SETUP");
    CHECK(seen.find("rtsp.auth.realm")->second == "Login to 4X7C5A1ZAG2XXXX");
    CHECK(seen.count("rtsp.status") == 2);
    for (const auto& o : result.observations) CHECK(o.probe == "rtsp");
}

TEST_CASE("rtsp: an open DESCRIBE returns its SDP and the probe reads the session lines") {
    const OneDeviceLab device(R"({"id": "device", "open_tcp_ports": [554], "http_ports": [], "https_ports": [],
      "http": [], "truth": {"vendor": "Hikvision", "banned": true, "is_camera": true},
      "rtsp_options": {"status": 200, "headers": {"CSeq": "1"}},
      "rtsp_describe_unauth": {"status": 200, "headers": {"CSeq": "2", "Content-Type": "application/sdp"},
        "body": "v=0\r\ns=HIK Media Server V3.1.3\r\ni=HIK Media Server Session Description : standard\r\nm=video 0 RTP/AVP 96\r\n"}})");
    const auto seen = by_key(run_probe(probes::rtsp_probe, device.ip(), 554));
    CHECK(seen.find("rtsp.sdp.session_name")->second == "HIK Media Server V3.1.3");
    CHECK(seen.find("rtsp.sdp.info")->second == "HIK Media Server Session Description : standard");
}

TEST_CASE("rtsp: a refused port and an HTTP server are recorded as errors") {
    const OneDeviceLab device(R"({"id": "device", "open_tcp_ports": [8554], "http_ports": [8554], "https_ports": [],
      "http": [], "truth": {"vendor": "none", "banned": false, "is_camera": false}, "rtsp_options": null})");
    const auto refused = run_probe(probes::rtsp_probe, device.ip(), 554);
    CHECK(refused.observations.empty());
    REQUIRE(refused.errors.size() == 1);
    CHECK(refused.errors[0].message.find("OPTIONS: connect:") == 0);
    const auto http = run_probe(probes::rtsp_probe, device.ip(), 8554);
    CHECK(http.observations.empty());
    CHECK(http.service.empty());
    CHECK_FALSE(http.errors.empty());
}

TEST_CASE("tls: the lab certificate's subject, CN and validity come back from one handshake") {
    const OneDeviceLab device(R"({"id": "device", "open_tcp_ports": [443], "http_ports": [], "https_ports": [443],
      "http": [], "truth": {"vendor": "Axis", "banned": false, "is_camera": true}, "rtsp_options": null,
      "extra": {"tls_subject": "CN=axis-accc8e5a1c07,O=Axis Communications AB"}})");
    const auto result = run_probe(probes::tls_probe, device.ip(), 443);
    const auto seen = by_key(result);
    CHECK(result.errors.empty());
    CHECK(result.service == "https");
    // The lab writes attributes in the given order; RFC 4514 prints the last one first.
    CHECK(seen.find("tls.certificate.subject")->second == "O=Axis Communications AB,CN=axis-accc8e5a1c07");
    CHECK(seen.find("tls.certificate.subject_cn")->second == "axis-accc8e5a1c07");
    CHECK(seen.find("tls.certificate.self_signed")->second == "true");
    CHECK(seen.count("tls.certificate.not_after") == 1);
    CHECK(seen.count("tls.certificate.sha256") == 1);
}

TEST_CASE("tls: a profile's issuer and validity reach the certificate the probe reads") {
    ensure_private_namespace();
    lab::Profile profile{"dahua", nlohmann::ordered_json::parse(R"({"extra": {
        "tls_subject": "CN=192.168.1.108,OU=DAHUATECH,O=DAHUA",
        "tls_issuer": "CN=Product Root CA,O=DahuaTech", "tls_not_before": "2018-11-30T00:00:00Z",
        "tls_not_after": "2038-11-25T00:00:00Z"}})"), {}};
    const lab::TlsKey key;
    const auto context = lab::make_server_context(lab::certificate_spec(profile), key);
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    const auto port = acceptor.local_endpoint().port();
    asio::ssl::stream<asio::ip::tcp::socket> server(io, *context);
    acceptor.async_accept(server.lowest_layer(), [&](boost::system::error_code error) {
        if (!error) server.async_handshake(asio::ssl::stream_base::server, [](boost::system::error_code) {});
    });
    ProbeLimits limits;
    const ProbeData data{};
    ProbeTarget target{{asio::ip::make_address("127.0.0.1"), port}, "127.0.0.1"};
    auto future = asio::co_spawn(io, probes::tls_probe.run(target, ProbeEnv{limits, data}), asio::use_future);
    io.run_for(std::chrono::seconds(5));
    const auto seen = by_key(future.get());
    CHECK(seen.find("tls.certificate.issuer")->second == "O=DahuaTech,CN=Product Root CA");
    CHECK(seen.find("tls.certificate.subject")->second == "O=DAHUA,OU=DAHUATECH,CN=192.168.1.108");
    CHECK(seen.find("tls.certificate.self_signed")->second == "false");
    CHECK(seen.find("tls.certificate.not_before")->second == "2018-11-30T00:00:00Z");
    CHECK(seen.find("tls.certificate.not_after")->second == "2038-11-25T00:00:00Z");
}

TEST_CASE("tls: a plain-TCP port gives a handshake error, not observations") {
    const OneDeviceLab device(R"({"id": "device", "open_tcp_ports": [443], "http_ports": [443], "https_ports": [],
      "http": [], "truth": {"vendor": "none", "banned": false, "is_camera": false}, "rtsp_options": null})");
    const auto result = run_probe(probes::tls_probe, device.ip(), 443);
    CHECK(result.observations.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message.find("handshake: tls:") == 0);
}

TEST_CASE("the registry lists rtsp and tls, each for its own ports") {
    const auto selection = probes::select_probes("rtsp,tls");
    REQUIRE(selection.deep.size() == 2);
    CHECK(selection.deep[0]->applies(554));
    CHECK(selection.deep[0]->applies(10554));
    CHECK_FALSE(selection.deep[0]->applies(80));
    CHECK(selection.deep[1]->applies(443));
    CHECK(selection.deep[1]->applies(7443));
    CHECK_FALSE(selection.deep[1]->applies(554));
}
