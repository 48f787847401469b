// SSDP heads are read line by line within the caps; values are repaired to UTF-8 as they are
// stored, so every consumer sees bounded, valid text.
#include <parse/ssdp_message.hpp>
#include <parse/text.hpp>

#include <boost/asio/ip/address.hpp>
#include <re2/re2.h>
#include <charconv>

namespace camaudit::parse {
namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && ascii_lower(text.substr(0, prefix.size())) == ascii_lower(prefix);
}

// Next line of `rest` without its CR/LF; nullopt at the end of the input.
std::optional<std::string_view> next_line(std::string_view& rest) {
    if (rest.empty()) return std::nullopt;
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::optional<unsigned> parse_unsigned(std::string_view text) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data()) return std::nullopt;
    return value;
}

// Sets kind and status from the first line; false when it is not SSDP.
bool read_start_line(std::string_view line, SsdpMessage& message) {
    if (starts_with_ci(line, "NOTIFY * HTTP/1.")) message.kind = SsdpKind::notify;
    else if (starts_with_ci(line, "M-SEARCH * HTTP/1.")) message.kind = SsdpKind::search;
    else if (starts_with_ci(line, "HTTP/1.") && line.size() >= 12 && line[8] == ' ') {
        const auto status = parse_unsigned(line.substr(9, 3));
        if (!status || *status < 100 || *status > 999) return false;
        message.kind = SsdpKind::search_response;
        message.status = *status;
    } else return false;
    message.start_line = to_valid_utf8(line, max_ssdp_line_bytes);
    return true;
}

std::optional<unsigned> max_age_of(std::string_view cache_control) {
    const auto at = find_ignore_case(cache_control, "max-age");
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = trim(cache_control.substr(at + 7));
    if (rest.empty() || rest.front() != '=') return std::nullopt;
    rest = trim(rest.substr(1));
    return parse_unsigned(rest.substr(0, rest.find_first_not_of("0123456789")));
}

void fill_named_headers(SsdpMessage& m) {
    m.server = std::string(m.header("SERVER"));
    m.location = std::string(m.header("LOCATION"));
    m.usn = std::string(m.header("USN"));
    m.target = std::string(m.header(m.kind == SsdpKind::notify ? "NT" : "ST"));
    m.nts = std::string(m.header("NTS"));
    m.cache_control = std::string(m.header("CACHE-CONTROL"));
    m.max_age = max_age_of(m.cache_control);
}

}  // namespace

std::string_view SsdpMessage::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (key.size() == name.size() && ascii_lower(key) == ascii_lower(name)) return value;
    return {};
}

std::string SsdpMessage::uuid() const {
    const std::string_view usn_view = usn;
    if (!starts_with_ci(usn_view, "uuid:")) return {};
    return ascii_lower(usn_view.substr(0, usn_view.find("::")));
}

SsdpResult parse_ssdp_message(std::string_view datagram) {
    SsdpResult result;
    std::string_view rest = datagram.substr(0, max_ssdp_datagram_bytes);
    const auto first = next_line(rest);
    if (!first || !read_start_line(*first, result.message)) {
        result.outcome = SsdpParse::wrong_protocol;
        return result;
    }
    while (const auto line = next_line(rest)) {
        if (line->empty()) break;
        const auto colon = line->find(':');
        if (colon == std::string_view::npos || colon == 0 || line->size() > max_ssdp_line_bytes ||
            result.message.headers.size() >= max_ssdp_header_fields)
            return result;  // malformed
        result.message.headers.emplace_back(to_valid_utf8(trim(line->substr(0, colon)), max_ssdp_line_bytes),
                                            to_valid_utf8(trim(line->substr(colon + 1)), max_ssdp_line_bytes));
    }
    fill_named_headers(result.message);
    result.outcome = SsdpParse::ok;
    return result;
}

std::string ssdp_msearch(std::string_view host, std::string_view search_target, unsigned mx) {
    std::string out = "M-SEARCH * HTTP/1.1\r\nHOST: ";
    out += host;
    out += "\r\nMAN: \"ssdp:discover\"\r\nMX: " + std::to_string(mx) + "\r\nST: ";
    out += search_target;
    out += "\r\nUSER-AGENT: Linux UPnP/1.1 camaudit/0.2\r\n\r\n";
    return out;
}

bool is_description_path(std::string_view path) {
    constexpr std::size_t max_description_path_bytes = 256;
    static const RE2 shape(R"re(/[A-Za-z0-9._~/-]*\.[xX][mM][lL])re");
    static const RE2 refused(R"re((?i)(?:^|/)(?:cgi-bin|\.\.)(?:/|$))re");
    return path.size() <= max_description_path_bytes && RE2::FullMatch(path, shape) &&
           !RE2::PartialMatch(path, refused);
}

std::optional<LocationUrl> parse_location_url(std::string_view url) {
    url = trim(url);
    if (url.size() > max_ssdp_line_bytes || !starts_with_ci(url, "http://")) return std::nullopt;
    url.remove_prefix(7);
    const auto path_at = url.find_first_of("/?#");
    std::string_view authority = url.substr(0, path_at);
    LocationUrl out;
    if (path_at != std::string_view::npos) out.path = std::string(url.substr(path_at));
    if (out.path.front() != '/') out.path.insert(0, "/");
    if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
    std::string_view port_text;
    if (authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        out.host = std::string(authority.substr(1, close - 1));
        const auto after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') return std::nullopt;
        if (!after.empty()) port_text = after.substr(1);
    } else {
        const auto colon = authority.find(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (out.host.empty()) return std::nullopt;
    if (!port_text.empty()) {
        const auto port = parse_unsigned(port_text);
        if (!port || *port == 0 || *port > 65535 || port_text.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        out.port = static_cast<std::uint16_t>(*port);
    }
    boost::system::error_code ec;
    boost::asio::ip::make_address(out.host, ec);
    out.host_is_ip = !ec;
    return out;
}

std::vector<Observation> ssdp_observations(const SsdpMessage& message, const Observation& base,
                                           std::size_t max_value_bytes) {
    const bool notify = message.kind == SsdpKind::notify;
    const std::pair<std::string_view, const std::string*> fields[] = {
        {"ssdp.header.server", &message.server},
        {"ssdp.header.location", &message.location},
        {"ssdp.header.usn", &message.usn},
        {notify ? "ssdp.header.nt" : "ssdp.header.st", &message.target},
    };
    std::vector<Observation> out;
    auto add = [&](std::string_view key, std::string_view value) {
        if (value.empty()) return;
        Observation o = base;
        o.key = std::string(key);
        o.value = to_valid_utf8(value, max_value_bytes);
        out.push_back(std::move(o));
    };
    for (const auto& [key, value] : fields) add(key, *value);
    add("ssdp.uuid", message.uuid());
    return out;
}

}  // namespace camaudit::parse
