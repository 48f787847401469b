// Proves follow-up requests stay read-only (issue 19), with listeners of the test's own in a
// private network namespace that record every byte they receive while `camaudit scan` runs:
// an SSDP LOCATION naming a CGI with parameters on its sender, or another host's port, is
// never requested and the report says why; a LOCATION on its sender with a description path
// is fetched (the control); a same-host redirect whose target holds CR LF is refused before
// it reaches the wire, so the device never sees the header it tried to inject.
#define DOCTEST_CONFIG_IMPLEMENT
#include "../skip_or_run.hpp"
#include "command.hpp"

#include <lab/lab.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using camaudit::testing::fresh_temp_dir;
using camaudit::testing::read_file;
using camaudit::testing::run_command;
using json = nlohmann::json;

namespace {

const std::string cgi_sender = "127.0.3.1";     // LOCATION: a CGI with parameters on its own port
const std::string pointer = "127.0.3.2";        // LOCATION: the describer's port, another host
const std::string describer = "127.0.3.3";      // LOCATION: its own /rootDesc.xml (fetched)
const std::string redirector = "127.0.3.4";     // HTTP: a script redirect with CR LF in it
constexpr std::uint16_t upnp_port = 49152;      // not swept (--ports 80): only a LOCATION leads there

const std::map<std::string, std::string> locations = {
    {cgi_sender, "http://" + cgi_sender + ":49152/cgi-bin/reboot.cgi?action=reboot&delay=0"},
    {pointer, "http://" + describer + ":49152/rootDesc.xml"},
    {describer, "http://" + describer + ":49152/rootDesc.xml"}};

// research/protocols.md 6.3 and 6.5: a search response and a device description (the
// manufacturer as Axis writes it, research/other-vendor-facts.md).
std::string search_response(const std::string& location) {
    return "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: " + location +
           "\r\nSERVER: Linux/3.10 UPnP/1.0 ExampleCam/1.0\r\nST: upnp:rootdevice\r\n"
           "USN: uuid:4a7e0b52-1d3c-11b2-8000-0212345678aa::upnp:rootdevice\r\n\r\n";
}

std::string http_answer(const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

const std::string description =
    "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><specVersion><major>1</major>"
    "<minor>0</minor></specVersion><device><deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>"
    "<manufacturer>AXIS</manufacturer><modelName>M1065-LW</modelName>"
    "<UDN>uuid:4a7e0b52-1d3c-11b2-8000-0212345678aa</UDN></device></root>";
const std::string injected = "X-Split: injected";
const std::string redirect_page = "<html><script>window.location=\"/next\r\n" + injected + "\"</script></html>";

sockaddr_in address_of(const std::string& ip, std::uint16_t port) {
    sockaddr_in out{};
    out.sin_family = AF_INET;
    out.sin_port = htons(port);
    inet_pton(AF_INET, ip.c_str(), &out.sin_addr);
    return out;
}

int bound(int type, const std::string& ip, std::uint16_t port) {
    const int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const auto local = address_of(ip, port);
    REQUIRE(bind(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) == 0);
    if (type == SOCK_STREAM) REQUIRE(listen(fd, 16) == 0);
    return fd;
}

// Every socket of the test's devices, served on one thread; what each TCP listener received.
class Devices {
public:
    Devices() {
        for (const auto& [ip, location] : locations) udp_.push_back({bound(SOCK_DGRAM, ip, 1900), search_response(location)});
        tcp_.push_back({bound(SOCK_STREAM, cgi_sender, upnp_port), cgi_sender, http_answer("rebooting")});
        tcp_.push_back({bound(SOCK_STREAM, describer, upnp_port), describer, http_answer(description)});
        tcp_.push_back({bound(SOCK_STREAM, redirector, 80), redirector, http_answer(redirect_page)});
        thread_ = std::thread([this] { serve(); });
    }
    ~Devices() {
        stop_ = true;
        thread_.join();
        for (const auto& u : udp_) close(u.fd);
        for (const auto& t : tcp_) close(t.fd);
    }
    // The bytes of each connection accepted at `ip` (its one TCP listener).
    std::vector<std::string> received(const std::string& ip) {
        const std::lock_guard lock(mutex_);
        return received_[ip];
    }

private:
    struct Udp {
        int fd;
        std::string reply;
    };
    struct Tcp {
        int fd;
        std::string ip;
        std::string reply;
    };

    void serve() {
        std::vector<pollfd> fds;
        for (const auto& u : udp_) fds.push_back({u.fd, POLLIN, 0});
        for (const auto& t : tcp_) fds.push_back({t.fd, POLLIN, 0});
        while (!stop_) {
            if (poll(fds.data(), fds.size(), 50) <= 0) continue;
            for (std::size_t i = 0; i < udp_.size(); ++i)
                if (fds[i].revents & POLLIN) answer_datagram(udp_[i]);
            for (std::size_t i = 0; i < tcp_.size(); ++i)
                if (fds[udp_.size() + i].revents & POLLIN) answer_connection(tcp_[i]);
        }
    }

    static void answer_datagram(const Udp& u) {
        std::array<char, 4096> buffer{};
        sockaddr_in from{};
        socklen_t size = sizeof from;
        const auto got = recvfrom(u.fd, buffer.data(), buffer.size(), MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&from), &size);
        if (got > 0 && std::string_view(buffer.data(), static_cast<std::size_t>(got)).starts_with("M-SEARCH"))
            sendto(u.fd, u.reply.data(), u.reply.size(), 0, reinterpret_cast<sockaddr*>(&from), size);
    }

    // Reads what the client sends until the end of its head (or 1 s of quiet), answers, closes.
    void answer_connection(const Tcp& t) {
        const int client = accept4(t.fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) return;
        std::string bytes;
        std::array<char, 4096> buffer{};
        pollfd one{client, POLLIN, 0};
        while (bytes.find("\r\n\r\n") == std::string::npos && bytes.size() < 65536 && poll(&one, 1, 1000) > 0) {
            const auto got = recv(client, buffer.data(), buffer.size(), 0);
            if (got <= 0) break;
            bytes.append(buffer.data(), static_cast<std::size_t>(got));
        }
        // A split request would send its second part after the first head: wait for it briefly.
        if (poll(&one, 1, 200) > 0) {
            const auto got = recv(client, buffer.data(), buffer.size(), MSG_DONTWAIT);
            if (got > 0) bytes.append(buffer.data(), static_cast<std::size_t>(got));
        }
        send(client, t.reply.data(), t.reply.size(), MSG_NOSIGNAL);
        close(client);
        const std::lock_guard lock(mutex_);
        received_[t.ip].push_back(bytes);
    }

    std::vector<Udp> udp_;
    std::vector<Tcp> tcp_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::mutex mutex_;
    std::map<std::string, std::vector<std::string>> received_;
};

// The report's errors about `target` (an "ip" or "ip:port" prefix) that contain `text`.
bool has_error(const json& report, const std::string& target, const std::string& text) {
    for (const auto& e : report.at("errors"))
        if (e.at("target").get<std::string>().starts_with(target) && e.at("message").get<std::string>().find(text) != std::string::npos)
            return true;
    return false;
}

bool has_evidence(const json& report, const std::string& ip, const std::string& field) {
    for (const auto& device : report.at("devices"))
        if (device.value("ip", "") == ip)
            for (const auto& e : device.at("evidence"))
                if (e.value("field", "") == field) return true;
    return false;
}

}  // namespace

TEST_CASE("LOCATION follow-ups go only to their sender's description; a CR LF redirect never reaches the wire") {
    Devices devices;
    const auto dir = fresh_temp_dir("readonly-followups");
    const auto out = dir / "r.json";
    const auto result = run_command(std::string(CAMAUDIT_BIN) + " scan 127.0.3.1-4 --ports 80 --probes http,ssdp " +
                                    "--rate 20000 --seed 7 -q --out " + out.string());
    INFO(result.err);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    const auto report = json::parse(read_file(out));
    INFO(report.at("errors").dump(1));

    // The control: the describer's own LOCATION is fetched, once, and its description read.
    const auto fetched = devices.received(describer);
    REQUIRE(!fetched.empty());
    CHECK(fetched.size() == 1);  // the pointer's LOCATION (the same URL) was not fetched again
    CHECK(fetched[0].starts_with("GET /rootDesc.xml HTTP/1.1\r\n"));
    CHECK(has_evidence(report, describer, "upnp.description.manufacturer"));  // AXIS, from the description

    // The CGI with parameters on the sender's own port: never contacted.
    CHECK(devices.received(cgi_sender).empty());
    CHECK(has_error(report, cgi_sender, "LOCATION path is not a device description"));
    // Another host's port named by the pointer: refused, recorded.
    CHECK(has_error(report, pointer, "LOCATION names another host than its sender"));

    // The redirect: GET / arrived; the CR LF target was refused before connecting.
    const auto asked = devices.received(redirector);
    REQUIRE(!asked.empty());
    CHECK(asked[0].starts_with("GET / HTTP/1.1\r\n"));
    for (const auto& bytes : asked) {
        CHECK(bytes.find(injected) == std::string::npos);
        CHECK(bytes.find("/next") == std::string::npos);
    }
    CHECK(has_error(report, redirector + ":80", "refused before sending: request target holds byte 0x0d"));
}

int main(int argc, char** argv) {
    try {
        camaudit::lab::enter_private_network_namespace();  // 127.0.3.x is ours alone; single-threaded here
    } catch (const std::exception& error) {
        std::printf("SKIPPED: %s\n", error.what());
        return 77;
    }
    return camaudit::testing::skip_or_run(nullptr, argc, argv);
}
