// Checks ONVIF credentials like a device would (see onvif_auth.hpp); OpenSSL's one-shot SHA1
// and MD5, written apart from scanner/probes/onvif_auth.cpp so each checks the other.
#include <lab/onvif_auth.hpp>

#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <cstdio>
#include <ctime>
#include <map>

namespace camaudit::lab {
namespace {

using nlohmann::ordered_json;
constexpr auto replay_window = std::chrono::minutes(5);
constexpr std::string_view lab_digest_nonce = "6c61622d6f6e7669662d6e6f6e6365";

struct Account {
    std::string username;
    std::string password;
};

std::optional<Account> account_of(const ordered_json& onvif) {
    const auto it = onvif.find("credentials");
    if (it == onvif.end() || !it->is_object()) return std::nullopt;
    return Account{it->value("username", std::string()), it->value("password", std::string())};
}

// The text of the first element whose local name is `name` (`<Name …>` or `<p:Name …>`).
std::optional<std::string> element_text(std::string_view body, std::string_view name) {
    for (std::size_t at = body.find(name); at != std::string_view::npos; at = body.find(name, at + 1)) {
        const char before = at > 0 ? body[at - 1] : ' ';
        const char after = at + name.size() < body.size() ? body[at + name.size()] : ' ';
        if ((before != '<' && before != ':') || (after != '>' && after != ' ')) continue;
        const auto open_end = body.find('>', at);
        const auto close = open_end == std::string_view::npos ? open_end : body.find('<', open_end);
        if (close == std::string_view::npos) return std::nullopt;
        return std::string(body.substr(open_end + 1, close - open_end - 1));
    }
    return std::nullopt;
}

std::optional<std::string> base64_decoded(const std::string& text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (size < 0) return std::nullopt;
    out.resize(static_cast<std::size_t>(size) - (text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0));
    return out;
}

std::optional<std::chrono::system_clock::time_point> created_time(const std::string& text) {
    std::tm utc{};
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                    &utc.tm_min, &utc.tm_sec) != 6)
        return std::nullopt;
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&utc));
}

std::string sha1_base64(const std::string& input) {
    unsigned char sha[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), sha);
    unsigned char text[64] = {};
    EVP_EncodeBlock(text, sha, SHA_DIGEST_LENGTH);
    return reinterpret_cast<const char*>(text);
}

std::string md5_hex(const std::string& input) {
    unsigned char md[MD5_DIGEST_LENGTH];
    EVP_Digest(input.data(), input.size(), md, nullptr, EVP_md5(), nullptr);
    char text[2 * MD5_DIGEST_LENGTH + 1] = {};
    for (int i = 0; i < MD5_DIGEST_LENGTH; ++i) std::snprintf(text + 2 * i, 3, "%02x", md[i]);
    return text;
}

// `name="value"` and `name=value` pairs of an Authorization: Digest header.
std::map<std::string, std::string> digest_params(std::string_view header) {
    std::map<std::string, std::string> params;
    if (!header.starts_with("Digest ")) return params;
    std::size_t pos = 7;
    while (pos < header.size()) {
        while (pos < header.size() && (header[pos] == ' ' || header[pos] == ',')) ++pos;
        const auto equals = header.find('=', pos);
        if (equals == std::string_view::npos) break;
        const std::string name(header.substr(pos, equals - pos));
        pos = equals + 1;
        const bool quoted = pos < header.size() && header[pos] == '"';
        const auto end = quoted ? header.find('"', pos + 1) : header.find(',', pos);
        const auto stop = end == std::string_view::npos ? header.size() : end;
        params[name] = std::string(header.substr(pos + (quoted ? 1 : 0), stop - pos - (quoted ? 1 : 0)));
        pos = stop + (quoted ? 1 : 0);
    }
    return params;
}

std::string realm_of(const ordered_json& onvif) { return onvif.value("realm", std::string("ONVIF lab device")); }

bool digest_valid(const ordered_json& onvif, std::string_view method, std::string_view authorization) {
    const auto account = account_of(onvif);
    auto params = digest_params(authorization);
    if (!account || params["username"] != account->username || params["realm"] != realm_of(onvif) ||
        params["nonce"] != lab_digest_nonce || params["qop"] != "auth")
        return false;
    const std::string ha1 = md5_hex(account->username + ":" + realm_of(onvif) + ":" + account->password);
    const std::string ha2 = md5_hex(std::string(method) + ":" + params["uri"]);
    return params["response"] == md5_hex(ha1 + ":" + params["nonce"] + ":" + params["nc"] + ":" + params["cnonce"] + ":auth:" + ha2);
}

}  // namespace

std::chrono::system_clock::time_point onvif_device_now(const ordered_json& onvif,
                                                       std::chrono::system_clock::time_point now) {
    const auto offset = onvif.contains("clock_offset_s") && onvif["clock_offset_s"].is_number_integer()
        ? onvif["clock_offset_s"].get<long>() : 0L;
    return now + std::chrono::seconds(offset);
}

bool onvif_username_token_valid(const ordered_json& onvif, std::string_view body,
                                std::chrono::system_clock::time_point device_now) {
    const auto account = account_of(onvif);
    const auto username = element_text(body, "Username");
    const auto password = element_text(body, "Password");
    const auto nonce = element_text(body, "Nonce");
    const auto created = element_text(body, "Created");
    if (!account || !username || !password || !nonce || !created || *username != account->username) return false;
    const auto nonce_bytes = base64_decoded(*nonce);
    const auto when = created_time(*created);
    if (!nonce_bytes || !when || *when < device_now - replay_window || *when > device_now + replay_window) return false;
    return *password == sha1_base64(*nonce_bytes + *created + account->password);
}

std::optional<std::string> onvif_digest_refusal(const ordered_json& profile, std::string_view method,
                                                std::string_view target, std::string_view body,
                                                std::string_view authorization) {
    const auto it = profile.find("onvif");
    if (it == profile.end() || !it->is_object() || it->value("auth", std::string()) != "digest") return std::nullopt;
    if (method != "POST" || target != it->value("path", std::string("/onvif/device_service"))) return std::nullopt;
    const bool read_system = body.find("GetDeviceInformation") != std::string_view::npos ||
                             body.find("GetScopes") != std::string_view::npos;
    if (!read_system || digest_valid(*it, method, authorization)) return std::nullopt;
    return "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"" + realm_of(*it) + "\", qop=\"auth\", nonce=\"" +
        std::string(lab_digest_nonce) + "\", algorithm=MD5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

}  // namespace camaudit::lab
