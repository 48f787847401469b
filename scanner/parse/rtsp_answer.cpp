// Turns one RTSP answer into observations: status, Server, Public, realms, and the SDP's
// session name, information and tool lines. Reads straight down; never past the caps.
#include <parse/rtsp_answer.hpp>

#include <parse/http_answer.hpp>
#include <parse/text.hpp>

#include <algorithm>
#include <charconv>

namespace camaudit::parse {
namespace {

// Splits off the next line (CRLF or LF), or the rest when there is no line end.
std::string_view next_line(std::string_view& text) {
    const auto end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::optional<unsigned> status_code(std::string_view status_line) {
    const auto space = status_line.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const std::string_view code = status_line.substr(space + 1, 3);
    unsigned value = 0;
    const auto [end, error] = std::from_chars(code.data(), code.data() + code.size(), value);
    if (code.size() != 3 || error != std::errc() || end != code.data() + 3 || value < 100) return std::nullopt;
    if (status_line.size() > space + 4 && status_line[space + 4] != ' ') return std::nullopt;
    return value;
}

std::size_t announced_length(std::string_view value) {
    value = trim(value);
    std::size_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (error != std::errc() || end != value.data() + value.size()) return 0;
    return std::min(length, max_rtsp_body_bytes);
}

void add_header(RtspHead& head, std::string_view line) {
    auto& headers = head.answer.headers;
    if ((line.front() == ' ' || line.front() == '\t') && !headers.empty()) {  // folded line
        headers.back().second += " " + std::string(trim(line));
        return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return;  // not a field; ignored
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (ascii_lower(name) == "content-length") head.content_length = announced_length(value);
    headers.emplace_back(std::string(name), std::string(value));
}

class Emitter {
public:
    Emitter(const Observation& base, std::size_t cap, std::vector<Observation>& out)
        : base_(base), cap_(cap), out_(out) {}
    void operator()(std::string_view key, std::string_view value) {
        Observation o = base_;
        o.key = std::string(key);
        o.value = to_valid_utf8(value, cap_);
        out_.push_back(std::move(o));
    }

private:
    const Observation& base_;
    std::size_t cap_;
    std::vector<Observation>& out_;
};

void emit_headers(const RtspAnswer& answer, Emitter& emit) {
    std::string names;
    for (const auto& [field, value] : answer.headers) {
        names += (names.empty() ? "" : ",") + field;
        const std::string name = ascii_lower(field);
        if (name == "server") emit("rtsp.header.server", value);
        if (name == "public") emit("rtsp.header.public", value);
        if (name == "www-authenticate") {
            emit("rtsp.header.www_authenticate", value);
            if (const auto realm = auth_realm(value)) emit("rtsp.auth.realm", *realm);
        }
    }
    if (!names.empty()) emit("rtsp.header.names", names);
}

}  // namespace

std::optional<std::size_t> rtsp_head_length(std::string_view bytes) {
    bytes = bytes.substr(0, max_rtsp_head_bytes);
    const auto crlf = bytes.find("\r\n\r\n");
    const auto lf = bytes.find("\n\n");
    if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::nullopt;
    if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf)) return crlf + 4;
    return lf + 2;
}

RtspHead parse_rtsp_head(std::string_view head) {
    RtspHead out;
    head = head.substr(0, max_rtsp_head_bytes);
    const std::string_view status_line = next_line(head);
    if (!status_line.starts_with("RTSP/")) {
        out.outcome = RtspParse::wrong_protocol;
        return out;
    }
    const auto code = status_code(status_line);
    if (!code) return out;  // malformed
    out.answer.status = *code;
    out.answer.version = std::string(status_line.substr(0, status_line.find(' ')));
    while (!head.empty() && out.answer.headers.size() < max_rtsp_header_fields) {
        const std::string_view line = next_line(head);
        if (line.empty()) break;
        add_header(out, line);
    }
    out.outcome = RtspParse::ok;
    return out;
}

SdpSummary parse_sdp(std::string_view sdp) {
    SdpSummary out;
    sdp = sdp.substr(0, max_rtsp_body_bytes);
    for (std::size_t count = 0; !sdp.empty() && count < max_sdp_lines; ++count) {
        const std::string_view line = next_line(sdp);
        if (line.starts_with("m=")) break;  // media sections follow: session level is over
        if (line.starts_with("s=") && !out.session_name) out.session_name = std::string(trim(line.substr(2)));
        if (line.starts_with("i=") && !out.info) out.info = std::string(trim(line.substr(2)));
        if (line.starts_with("a=tool:")) out.tools.emplace_back(trim(line.substr(7)));
    }
    return out;
}

std::vector<Observation> rtsp_observations(const RtspAnswer& answer, std::string_view method,
                                           const Observation& base, std::size_t max_value_bytes) {
    std::vector<Observation> out;
    Emitter emit(base, max_value_bytes, out);
    emit("rtsp.status", std::string(method) + " " + std::to_string(answer.status));
    emit_headers(answer, emit);
    if (answer.body.empty()) return out;
    const SdpSummary sdp = parse_sdp(answer.body);
    if (sdp.session_name && !sdp.session_name->empty()) emit("rtsp.sdp.session_name", *sdp.session_name);
    if (sdp.info && !sdp.info->empty()) emit("rtsp.sdp.info", *sdp.info);
    for (const auto& tool : sdp.tools)
        if (!tool.empty()) emit("rtsp.sdp.tool", tool);
    return out;
}

}  // namespace camaudit::parse
