// Splits a server's captured bytes into HTTP answers: status line, fields up to the blank
// line, then the body as the head frames it. Reads straight down; never past the caps.
#include <parse/http_stream.hpp>

#include <parse/text.hpp>

#include <algorithm>
#include <charconv>
#include <optional>

namespace camaudit::parse {
namespace {

constexpr std::size_t max_chunks = 4096;

std::string_view next_line(std::string_view& text) {
    const auto end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// "HTTP/1.1 200 OK" -> 200; nullopt unless the line starts an HTTP/1.x answer.
std::optional<unsigned> status_of(std::string_view line) {
    if (!line.starts_with("HTTP/1.") || line.size() < 12 || line[8] != ' ') return std::nullopt;
    unsigned code = 0;
    const auto [end, error] = std::from_chars(line.data() + 9, line.data() + 12, code);
    if (error != std::errc() || end != line.data() + 12 || code < 100 || code > 999) return std::nullopt;
    if (line.size() > 12 && line[12] != ' ') return std::nullopt;
    return code;
}

std::optional<std::size_t> number_in(std::string_view text, int base) {
    text = trim(text);
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || error != std::errc()) return std::nullopt;
    return value;
}

void add_field(HttpAnswer& answer, std::string_view line) {
    auto& headers = answer.headers;
    if ((line.front() == ' ' || line.front() == '\t') && !headers.empty()) {  // folded line
        headers.back().second += " " + std::string(trim(line));
        return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return;  // not a field; ignored
    headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
}

std::string_view field(const HttpAnswer& answer, std::string_view name) {
    for (const auto& [field_name, value] : answer.headers)
        if (ascii_lower(field_name) == name) return value;
    return {};
}

// A chunked body decoded from the front of `text` (consumed as it goes); a cut chunk keeps
// what arrived.
std::string dechunked(std::string_view& text) {
    std::string body;
    for (std::size_t count = 0; count < max_chunks && !text.empty(); ++count) {
        const std::string_view size_line = next_line(text);
        const auto size = number_in(size_line.substr(0, size_line.find(';')), 16);
        if (!size || *size == 0) {
            if (size) next_line(text);  // the (empty) trailer line
            break;
        }
        const std::size_t here = std::min(*size, text.size());
        body.append(text.substr(0, std::min(here, max_body_observation_bytes - std::min(body.size(), max_body_observation_bytes))));
        text.remove_prefix(here);
        if (text.starts_with("\r\n")) text.remove_prefix(2);
    }
    return body;
}

bool has_no_body(unsigned status) { return status < 200 || status == 204 || status == 304; }

// The body that follows a head, as the head frames it; `text` is left after it.
std::string body_of(const HttpAnswer& answer, std::string_view& text) {
    if (has_no_body(answer.status)) return {};
    if (find_ignore_case(field(answer, "transfer-encoding"), "chunked") != std::string_view::npos)
        return dechunked(text);
    const auto length = number_in(field(answer, "content-length"), 10);
    const std::size_t taken = std::min(length.value_or(text.size()), text.size());
    std::string body(text.substr(0, std::min(taken, max_body_observation_bytes)));
    text.remove_prefix(taken);
    return body;
}

}  // namespace

std::vector<HttpAnswer> http_answers_in_stream(std::string_view stream) {
    std::vector<HttpAnswer> answers;
    while (answers.size() < max_stream_answers) {
        std::string_view text = stream;
        const auto status = status_of(next_line(text));
        if (!status) break;
        HttpAnswer answer;
        answer.status = *status;
        const std::size_t head_start = stream.size() - text.size();
        while (!text.empty() && stream.size() - text.size() - head_start < max_http_head_bytes) {
            const std::string_view line = next_line(text);
            if (line.empty()) break;
            if (answer.headers.size() < max_header_fields) add_field(answer, line);
        }
        answer.body = body_of(answer, text);
        answers.push_back(std::move(answer));
        stream = text;
    }
    return answers;
}

}  // namespace camaudit::parse
