// Loads and checks device profiles, so a bad file stops the lab at start-up with a message
// naming the file and field instead of misbehaving on the wire.
#include <lab/lab.hpp>
#include <lab/responses.hpp>
#include <lab/discovery_replies.hpp>

#include <camaudit/error.hpp>

#include <algorithm>
#include <fstream>
#include <set>

namespace camaudit::lab {
namespace {

using nlohmann::ordered_json;

[[noreturn]] void bad(const std::filesystem::path& file, const std::string& what) {
    throw DataError(file.string() + ": " + what);
}

std::vector<std::uint16_t> port_list(const std::filesystem::path& file, const ordered_json& data,
                                     const char* key) {
    const auto it = data.find(key);
    if (it == data.end() || !it->is_array()) bad(file, std::string(key) + " must be a list of ports");
    std::vector<std::uint16_t> ports;
    for (const auto& port : *it) {
        if (!port.is_number_integer() || port.get<long long>() < 1 || port.get<long long>() > 65535)
            bad(file, std::string(key) + " holds " + port.dump() + ", not a port 1-65535");
        ports.push_back(port.get<std::uint16_t>());
    }
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    return ports;
}

void check_headers(const std::filesystem::path& file, const ordered_json& headers,
                   const std::string& where) {
    if (!headers.is_object()) bad(file, where + ".headers must be an object");
    for (const auto& [name, value] : headers.items()) {
        const bool ok = value.is_string() ||
            (value.is_array() && std::all_of(value.begin(), value.end(),
                                             [](const auto& v) { return v.is_string(); }));
        if (!ok) bad(file, where + ".headers." + name + " must be a string or a list of strings");
    }
}

void check_http(const std::filesystem::path& file, const ordered_json& data) {
    const auto it = data.find("http");
    if (it == data.end() || it->is_null()) return;
    if (!it->is_array()) bad(file, "http must be a list");
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& entry = (*it)[i];
        const std::string where = "http[" + std::to_string(i) + "]";
        if (!entry.is_object() || !entry.value("method", ordered_json()).is_string() ||
            !entry.value("path", ordered_json()).is_string() ||
            !entry.value("status", ordered_json()).is_number_integer() ||
            !entry.value("body", ordered_json()).is_string())
            bad(file, where + " needs method, path, status (number) and body (string)");
        if (entry.contains("port") && !entry["port"].is_number_integer())
            bad(file, where + ".port must be a number");
        if (entry.contains("tls") && !entry["tls"].is_boolean()) bad(file, where + ".tls must be true or false");
        check_headers(file, entry.value("headers", ordered_json::object()), where);
    }
}

void check_rtsp(const std::filesystem::path& file, const ordered_json& data, const char* key) {
    const auto it = data.find(key);
    if (it == data.end() || it->is_null()) return;
    if (!it->is_object() || !it->value("status", ordered_json()).is_number_integer())
        bad(file, std::string(key) + " must be null or {status, headers}");
    check_headers(file, it->value("headers", ordered_json::object()), key);
}

Profile check_profile(const std::filesystem::path& file, ordered_json data) {
    if (!data.is_object()) bad(file, "a profile must be a JSON object");
    if (!data.value("id", ordered_json()).is_string() || data["id"].get<std::string>().empty())
        bad(file, "id must be a non-empty string");
    Profile profile{data["id"].get<std::string>(), {}, port_list(file, data, "open_tcp_ports")};
    for (const char* key : {"http_ports", "https_ports"}) {
        if (!data.contains(key)) continue;
        for (const auto port : port_list(file, data, key))
            if (!std::binary_search(profile.tcp_ports.begin(), profile.tcp_ports.end(), port))
                bad(file, std::string(key) + " has port " + std::to_string(port) +
                              ", which is not in open_tcp_ports");
    }
    check_http(file, data);
    check_rtsp(file, data, "rtsp_options");
    check_rtsp(file, data, "rtsp_describe_unauth");
    if (const auto it = data.find("tcp_8000_banner_hex"); it != data.end() && !it->is_null())
        if (!it->is_string() || !decode_hex(it->get<std::string>()))
            bad(file, "tcp_8000_banner_hex must be a string of hex digit pairs");
    if (const auto it = data.find("behaviour"); it != data.end())
        if (!it->is_string() || !behaviour_named(it->get<std::string>()))
            bad(file, "behaviour must be one of " + std::string(behaviour_names()));
    profile.data = std::move(data);
    add_upnp_description_entry(profile);  // served over the device's HTTP at its path
    return profile;
}

Profile load_profile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) bad(file, "cannot be read");
    ordered_json data = ordered_json::parse(in, nullptr, false);
    if (data.is_discarded()) bad(file, "is not valid JSON");
    return check_profile(file, std::move(data));
}

}  // namespace

std::vector<Profile> load_profiles(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw DataError(dir.string() + ": not a folder of device profiles");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    std::vector<Profile> profiles;
    std::set<std::string> ids;
    for (const auto& file : files) {
        profiles.push_back(load_profile(file));
        if (!ids.insert(profiles.back().id).second)
            bad(file, "id \"" + profiles.back().id + "\" is used by another profile");
    }
    std::sort(profiles.begin(), profiles.end(),
              [](const Profile& a, const Profile& b) { return a.id < b.id; });
    return profiles;
}

}  // namespace camaudit::lab
