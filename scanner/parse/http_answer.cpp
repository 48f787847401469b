// Turns one HTTP answer into observations: server, realm, title, cookies, header names.
#include <parse/http_answer.hpp>
#include <parse/text.hpp>

#include <re2/re2.h>

namespace camaudit::parse {
namespace {

std::string_view header_value(const HttpAnswer& answer, std::string_view name) {
    for (const auto& [field, value] : answer.headers)
        if (ascii_lower(field) == name) return value;
    return {};
}

bool has_header(const HttpAnswer& answer, std::string_view name) {
    for (const auto& [field, value] : answer.headers)
        if (ascii_lower(field) == name) return true;
    return false;
}

class Emitter {
public:
    Emitter(const Observation& base, std::size_t cap, std::vector<Observation>& out)
        : base_(base), cap_(cap), out_(out) {}
    void operator()(std::string_view key, std::string_view value, std::size_t cap = 0) {
        Observation o = base_;
        o.key = std::string(key);
        o.value = to_valid_utf8(value, cap ? cap : cap_);
        out_.push_back(std::move(o));
    }

private:
    const Observation& base_;
    std::size_t cap_;
    std::vector<Observation>& out_;
};

std::string joined_header_names(const HttpAnswer& answer) {
    std::string names;
    std::size_t count = 0;
    for (const auto& [field, value] : answer.headers) {
        if (++count > max_header_fields) break;
        if (!names.empty()) names += ',';
        names += field;
    }
    return names;
}

// Every header as "Name: value", so a signature can match any header (P3P, X-Powered-By, ...).
void emit_header_lines(const HttpAnswer& answer, Emitter& emit) {
    std::size_t count = 0;
    for (const auto& [field, value] : answer.headers) {
        if (++count > max_header_fields) break;
        emit("http.header.line", field + ": " + value);
    }
}

void emit_cookies(const HttpAnswer& answer, Emitter& emit) {
    std::size_t count = 0;
    for (const auto& [field, value] : answer.headers) {
        if (ascii_lower(field) != "set-cookie" || ++count > max_cookies) continue;
        const std::string_view cookie = value;
        const std::string_view name = trim(cookie.substr(0, cookie.find('=')));
        if (!name.empty()) emit("http.cookie.name", name);
    }
}

bool is_same_host_path(std::string_view target) {
    return !target.empty() && target.front() == '/' && !target.starts_with("//") &&
           target.size() <= 512;
}

}  // namespace

std::optional<std::string> html_title(std::string_view body) {
    const std::size_t open = find_ignore_case(body, "<title");
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t start = body.find('>', open);
    if (start == std::string_view::npos) return std::nullopt;
    const std::size_t close = find_ignore_case(body, "</title", start);
    const std::string_view text =
        body.substr(start + 1, close == std::string_view::npos ? 256 : close - start - 1);
    return std::string(trim(text.substr(0, 1024)));
}

std::optional<std::string> auth_realm(std::string_view www_authenticate) {
    static const RE2 realm(R"re((?i)\brealm\s*=\s*(?:"([^"]{0,512})"|([^\s,]{1,512})))re");
    std::string quoted, token;
    if (!RE2::PartialMatch(www_authenticate, realm, &quoted, &token)) return std::nullopt;
    return quoted.empty() ? token : quoted;
}

std::optional<std::string> same_host_redirect(const HttpAnswer& answer) {
    const std::string_view location = header_value(answer, "location");
    if (answer.status >= 300 && answer.status < 400 && is_same_host_path(location))
        return std::string(location);
    static const RE2 script(
        R"re((?i)(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"'?]{1,512}))re");
    static const RE2 refresh(R"re((?i)http-equiv\s*=\s*["']?refresh["']?[^>]{0,64}url\s*=\s*['"]?([^"'>\s]{1,512}))re");
    std::string target;
    const std::string_view head = std::string_view(answer.body).substr(0, 16 * 1024);
    if (RE2::PartialMatch(head, refresh, &target) && is_same_host_path(target)) return target;
    if (RE2::PartialMatch(head, script, &target) && is_same_host_path(target)) return target;
    return std::nullopt;
}

std::vector<Observation> http_observations(const HttpAnswer& answer, const Observation& base,
                                           std::size_t max_value_bytes) {
    std::vector<Observation> out;
    Emitter emit(base, max_value_bytes, out);
    emit("http.path.status", answer.method + " " + answer.path + " " + std::to_string(answer.status));
    if (!answer.headers.empty()) emit("http.header.names", joined_header_names(answer));
    emit_header_lines(answer, emit);
    if (has_header(answer, "server")) emit("http.header.server", header_value(answer, "server"));
    if (has_header(answer, "location")) emit("http.header.location", header_value(answer, "location"));
    if (const std::string_view auth = header_value(answer, "www-authenticate"); !auth.empty()) {
        emit("http.header.www_authenticate", auth);
        if (const auto realm = auth_realm(auth)) emit("http.auth.realm", *realm);
    }
    emit_cookies(answer, emit);
    if (const auto title = html_title(answer.body)) emit("http.body.title", *title);
    if (!answer.body.empty()) emit("http.body.text", answer.body, max_body_observation_bytes);
    return out;
}

}  // namespace camaudit::parse
