// WS-UsernameToken PasswordDigest and HTTP Digest for the ONVIF probe's authenticated
// retries (research/protocols.md §2.5, §2.6); hashes through OpenSSL's EVP interface.
#include <probes/onvif_auth.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

namespace camaudit::probes {
namespace {

std::string hash_bytes(const EVP_MD* md, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), out, &size, md, nullptr);
    return std::string(reinterpret_cast<const char*>(out), size);
}

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Reads one auth-param (`name=token` or `name="quoted \" string"`) at `pos`; false at the end.
bool next_param(std::string_view text, std::size_t& pos, std::string& name, std::string& value) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == ',')) ++pos;
    const auto equals = text.find('=', pos);
    if (pos >= text.size() || equals == std::string_view::npos) return false;
    name = std::string(text.substr(pos, equals - pos));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    pos = equals + 1;
    while (pos < text.size() && text[pos] == ' ') ++pos;
    value.clear();
    if (pos < text.size() && text[pos] == '"') {
        for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
            if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
            value += text[pos];
        }
        ++pos;  // the closing quote
        return true;
    }
    const auto end = std::min(text.find(',', pos), text.size());
    value = std::string(text.substr(pos, end - pos));
    while (!value.empty() && value.back() == ' ') value.pop_back();
    pos = end;
    return true;
}

bool offers_auth(std::string_view qop_list) {
    std::size_t pos = 0;
    while (pos <= qop_list.size()) {
        const auto end = std::min(qop_list.find(',', pos), qop_list.size());
        std::string_view item = qop_list.substr(pos, end - pos);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (iequals(item, "auth")) return true;
        pos = end + 1;
    }
    return false;
}

// Echoed inside a quoted header value: no quote, backslash or control byte may come back.
bool header_safe(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f || c == '"' || c == '\\';
    });
}

const EVP_MD* digest_md(std::string_view algorithm) {
    return algorithm == "SHA-256" ? EVP_sha256() : EVP_md5();
}

}  // namespace

std::string base64(std::span<const unsigned char> bytes) {
    std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
    const int size = EVP_EncodeBlock(out.data(), bytes.data(), static_cast<int>(bytes.size()));
    return std::string(reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(size));
}

std::string wsse_password_digest(std::span<const unsigned char> nonce, std::string_view created,
                                 std::string_view password) {
    std::string input(reinterpret_cast<const char*>(nonce.data()), nonce.size());
    input.append(created);
    input.append(password);
    const std::string sha1 = hash_bytes(EVP_sha1(), input);
    std::fill(input.begin(), input.end(), '\0');  // the password does not linger in freed memory
    return base64({reinterpret_cast<const unsigned char*>(sha1.data()), sha1.size()});
}

std::string wsse_created(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::optional<std::chrono::system_clock::time_point> parse_utc_text(std::string_view text) {
    if (text.size() != 20 || text[19] != 'Z') return std::nullopt;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4u-%2u-%2uT%2u:%2u:%2uZ", &year, &month, &day, &hour, &minute, &second) != 6)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                                           std::chrono::day(day)};
    if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
        std::chrono::seconds(second);
}

std::string wsse_security_header(std::string_view username, std::string_view password,
                                 std::span<const unsigned char> nonce, std::string_view created) {
    return "<Security s:mustUnderstand=\"1\" "
           "xmlns=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
           "<UsernameToken><Username>" + xml_escaped(username) + "</Username>"
           "<Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
           "#PasswordDigest\">" + wsse_password_digest(nonce, created, password) + "</Password>"
           "<Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"
           "#Base64Binary\">" + base64(nonce) + "</Nonce>"
           "<Created xmlns=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">" +
        std::string(created) + "</Created></UsernameToken></Security>";
}

std::optional<DigestChallenge> parse_digest_challenge(std::string_view value) {
    if (value.size() > max_challenge_bytes) return std::nullopt;
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (value.size() < 7 || !iequals(value.substr(0, 6), "Digest") || value[6] != ' ') return std::nullopt;
    DigestChallenge challenge;
    std::size_t pos = 7, count = 0;
    std::string name, param;
    while (count++ < max_challenge_params && next_param(value, pos, name, param)) {
        if (iequals(name, "realm")) challenge.realm = param;
        else if (iequals(name, "nonce")) challenge.nonce = param;
        else if (iequals(name, "opaque")) challenge.opaque = param;
        else if (iequals(name, "qop")) challenge.qop_auth = offers_auth(param);
        else if (iequals(name, "algorithm")) challenge.algorithm = param;
    }
    if (iequals(challenge.algorithm, "md5")) challenge.algorithm = "MD5";
    if (iequals(challenge.algorithm, "sha-256")) challenge.algorithm = "SHA-256";
    if (!header_safe(challenge.realm) || !header_safe(challenge.nonce) || !header_safe(challenge.opaque))
        return std::nullopt;
    if (challenge.nonce.empty() || (challenge.algorithm != "MD5" && challenge.algorithm != "SHA-256"))
        return std::nullopt;
    return challenge;
}

std::string digest_authorization(const DigestChallenge& challenge, std::string_view username,
                                 std::string_view password, std::string_view method, std::string_view uri,
                                 std::string_view cnonce) {
    const EVP_MD* md = digest_md(challenge.algorithm);
    std::string secret = std::string(username) + ":" + challenge.realm + ":" + std::string(password);
    const std::string ha1 = hex(hash_bytes(md, secret));
    std::fill(secret.begin(), secret.end(), '\0');
    const std::string ha2 = hex(hash_bytes(md, std::string(method) + ":" + std::string(uri)));
    constexpr std::string_view nc = "00000001";
    const std::string response = challenge.qop_auth
        ? hex(hash_bytes(md, ha1 + ":" + challenge.nonce + ":" + std::string(nc) + ":" + std::string(cnonce) + ":auth:" + ha2))
        : hex(hash_bytes(md, ha1 + ":" + challenge.nonce + ":" + ha2));
    std::string out = "Digest username=\"" + std::string(username) + "\", realm=\"" + challenge.realm +
        "\", nonce=\"" + challenge.nonce + "\", uri=\"" + std::string(uri) + "\", algorithm=" + challenge.algorithm +
        ", response=\"" + response + "\"";
    if (challenge.qop_auth) out += ", qop=auth, nc=" + std::string(nc) + ", cnonce=\"" + std::string(cnonce) + "\"";
    if (!challenge.opaque.empty()) out += ", opaque=\"" + challenge.opaque + "\"";
    return out;
}

}  // namespace camaudit::probes
