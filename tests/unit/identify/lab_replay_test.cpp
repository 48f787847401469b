// Proves identification on the device lab as the live probes would see it: every profile's
// HTTP answers go through the HTTP probe's own extraction (parse::http_observations, the same
// redirect rule and fingerprints/http_paths.json), its open ports through the TCP scanner's
// service guess. HTTP alone must never misname a device, must name at least the floor below
// right, and must never call a decoy a camera; devices named only by RTSP, TLS, ONVIF or the
// discovery protocols are checked one by one by the end-to-end lab scan (tests/e2e).
#include <doctest/doctest.h>

#include <identify/http_paths.hpp>
#include <identify/identify.hpp>
#include <parse/http_answer.hpp>
#include <probes/port_table.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

namespace {

using nlohmann::ordered_json;
const std::filesystem::path data_dir = CAMAUDIT_SOURCE_DATA_DIR;
const std::filesystem::path lab_dir = CAMAUDIT_SOURCE_LAB_DIR;

// How many lab devices HTTP alone must name right: raise it when HTTP signatures improve.
constexpr int http_named_floor = 58;

// The service name the TCP scanner guesses from a port number (its own port table).
std::string guessed_service(std::uint16_t port) { return std::string(camaudit::probes::service_name(port)); }

struct Profile {
    std::string id;
    ordered_json data;
};

std::vector<Profile> load_profiles() {
    std::vector<Profile> profiles;
    for (const auto& entry : std::filesystem::directory_iterator(lab_dir)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        auto data = ordered_json::parse(in);
        profiles.push_back({data.at("id").get<std::string>(), std::move(data)});
    }
    std::sort(profiles.begin(), profiles.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return profiles;
}

// The profile's answer to GET `path` on `port`, as the lab serves it: an entry for that port
// (or for every port when it names none); any other path answers 404 with no special headers.
camaudit::parse::HttpAnswer answer(const ordered_json& profile, std::uint16_t port, const std::string& path) {
    const std::string bare = path.substr(0, path.find('?'));
    for (const auto& entry : profile.value("http", ordered_json::array())) {
        if (entry.value("method", "GET") != "GET") continue;
        if (entry.contains("port") && entry["port"].get<std::uint16_t>() != port) continue;
        const std::string p = entry.at("path").get<std::string>();
        if (p != path && p != bare) continue;
        camaudit::parse::HttpAnswer a{"GET", path, entry.at("status").get<unsigned>(), {}, entry.value("body", "")};
        const auto headers = entry.value("headers", ordered_json::object());
        for (const auto& [name, value] : headers.items()) {
            if (value.is_string()) a.headers.emplace_back(name, value.get<std::string>());
            else for (const auto& each : value) a.headers.emplace_back(name, each.get<std::string>());
        }
        return a;
    }
    return {"GET", path, 404, {{"Content-Type", "text/html"}}, "<html><body>404 Not Found</body></html>"};
}

// The root answer as the HTTP probe shows it to "when" patterns: header lines, a blank line,
// the body (scanner/probes/http_probe.cpp answer_text).
std::string as_text(const camaudit::parse::HttpAnswer& a) {
    std::string text;
    for (const auto& [name, value] : a.headers) text += name + ": " + value + "\n";
    return text + "\n" + a.body.substr(0, 64 * 1024);
}

// What the HTTP probe emits for one port: "/", the redirect target of "/", then the paths of
// http_paths.json whose "when" matches the root answer.
void probe_port(const ordered_json& profile, camaudit::Observation base,
                const std::vector<camaudit::ProbeData::HttpPath>& paths, std::vector<camaudit::Observation>& out) {
    std::set<std::string> done;
    auto fetch = [&](const std::string& path) {
        if (!done.insert(path).second) return camaudit::parse::HttpAnswer{};
        const auto a = answer(profile, base.port, path);
        base.context = "GET " + path;
        const auto observed = camaudit::parse::http_observations(a, base, 4096);
        out.insert(out.end(), observed.begin(), observed.end());
        return a;
    };
    const auto root = fetch("/");
    if (const auto target = camaudit::parse::same_host_redirect(root)) fetch(*target);
    const std::string root_text = as_text(root);
    for (const auto& path : paths)
        if (camaudit::identify::wanted(path, root_text)) fetch(path.path);
}

std::vector<camaudit::Observation> observe(const Profile& profile, const std::string& ip,
                                           const std::vector<camaudit::ProbeData::HttpPath>& paths) {
    std::vector<camaudit::Observation> out;
    camaudit::Observation base;
    base.ip = ip;
    base.proto = "tcp";
    base.time = camaudit::Clock::time_point(std::chrono::seconds(1'700'000'000));
    for (const auto& port : profile.data.at("open_tcp_ports")) {
        camaudit::Observation o = base;
        o.key = "tcp.port.open";
        o.port = port.get<std::uint16_t>();
        o.value = guessed_service(o.port);
        o.probe = "tcp_connect";
        out.push_back(o);
    }
    base.probe = "http";
    for (const char* list : {"http_ports", "https_ports"})
        for (const auto& port : profile.data.value(list, ordered_json::array())) {
            base.port = port.get<std::uint16_t>();
            probe_port(profile.data, base, paths, out);
        }
    return out;
}

std::string expected_vendor(const ordered_json& profile) {
    const auto vendor = profile.at("truth").at("vendor").get<std::string>();
    return vendor == "none" ? std::string() : vendor;
}

bool truth_is_camera(const ordered_json& profile) {
    return profile.at("truth").at("is_camera").get<bool>();
}

}  // namespace

TEST_CASE("lab replay: every profile with open ports is named after truth.vendor, decoys are not cameras") {
    const auto knowledge = camaudit::identify::load_knowledge(data_dir);
    const auto paths = camaudit::identify::load_http_paths(data_dir / "http_paths.json");
    std::vector<camaudit::Observation> observations;
    std::map<std::string, const Profile*> by_ip;
    const auto profiles = load_profiles();
    int host = 1;
    for (const auto& profile : profiles) {
        if (profile.data.at("open_tcp_ports").empty()) continue;
        const std::string ip = "127.0." + std::to_string(1 + host / 250) + "." + std::to_string(host % 250 + 1);
        ++host;
        by_ip[ip] = &profile;
        const auto more = observe(profile, ip, paths);
        observations.insert(observations.end(), more.begin(), more.end());
    }
    const auto devices = camaudit::identify::identify_devices(observations, *knowledge);
    REQUIRE(devices.size() == by_ip.size());
    int right = 0;
    for (const auto& device : devices) {
        const Profile& profile = *by_ip.at(device.ip);
        const std::string expected = expected_vendor(profile.data);
        INFO("profile ", profile.id, ": vendor \"", device.vendor, "\" (confidence ", device.confidence,
             ", type \"", device.device_type, "\"), truth \"", expected, "\"");
        CHECK((device.vendor.empty() || device.vendor == expected));  // unnamed, never misnamed
        right += device.vendor == expected;
        if (std::getenv("CAMAUDIT_REPLAY_TABLE"))
            MESSAGE(profile.id << " | " << device.vendor << " | " << device.brand << std::string(device.relabel ? " (relabel)" : "")
                               << " | " << device.device_type << " | " << device.model << " | " << device.confidence
                               << " | conflicts " << device.conflicts.size());
        if (!truth_is_camera(profile.data)) CHECK_FALSE(camaudit::is_camera_type(device.device_type));
        if (!expected.empty() && device.vendor == expected && truth_is_camera(profile.data) &&
            device.confidence >= 0.6)
            CHECK(camaudit::is_camera_type(device.device_type));
    }
    MESSAGE("lab replay: HTTP alone names " << right << " of " << devices.size() << " profiles with open ports");
    CHECK(right >= http_named_floor);
}

TEST_CASE("lab replay: a banned-vendor device named by two or more independent markers reaches 0.8") {
    const auto knowledge = camaudit::identify::load_knowledge(data_dir);
    const auto paths = camaudit::identify::load_http_paths(data_dir / "http_paths.json");
    for (const auto& profile : load_profiles()) {
        if (profile.data.at("open_tcp_ports").empty()) continue;
        const auto devices = camaudit::identify::identify_devices(observe(profile, "127.0.0.2", paths), *knowledge);
        REQUIRE(devices.size() == 1);
        const auto& device = devices.front();
        std::set<std::string> sources;
        for (const auto& e : device.evidence)
            if (e.claim == "vendor=" + device.vendor && e.weight > 0.35) sources.insert(e.source + "|" + e.field);
        const bool banned = profile.data.at("truth").at("banned") == true;
        INFO("profile ", profile.id, " vendor ", device.vendor, " confidence ", device.confidence);
        if (banned && sources.size() >= 2 && device.conflicts.empty()) CHECK(device.confidence >= 0.8);
    }
}
