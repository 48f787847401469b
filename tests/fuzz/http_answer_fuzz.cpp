// libFuzzer entry point for the HTTP answer parser: any status, header lines and body must
// turn into observations (valid UTF-8, capped) and redirect/title/realm answers without a crash.
#include "fuzz_support.hpp"

#include <parse/http_answer.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using camaudit::parse::HttpAnswer;

// The input is an answer as it might be read: "<status>\n<Name: value>\n...\n\n<body>". The
// first line's digits are the status; each line up to a blank one is a header, split at the
// first ':' (a line without one is a name with an empty value); the rest is the body.
HttpAnswer answer_from(std::string_view text) {
    HttpAnswer answer;
    answer.method = "GET";
    answer.path = "/";
    const auto line_end = [&] { return std::min(text.find('\n'), text.size()); };
    auto end = line_end();
    const auto status_line = text.substr(0, end);
    std::from_chars(status_line.data(), status_line.data() + status_line.size(), answer.status);
    text.remove_prefix(std::min(end + 1, text.size()));
    while (!text.empty()) {
        end = line_end();
        auto line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;
        const auto colon = std::min(line.find(':'), line.size());
        const auto value = colon < line.size() ? line.substr(colon + 1) : std::string_view();
        answer.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    answer.body = std::string(text);
    return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    const auto text = fuzz::bytes_of(data, size);
    const HttpAnswer answer = answer_from(text);
    auto base = fuzz::fuzz_base(80);
    base.proto = "tcp";
    base.probe = "http";
    for (const auto& o : parse::http_observations(answer, base, fuzz::max_value_bytes)) {
        // The contract: every value valid UTF-8 and capped (the body at its own cap).
        fuzz::require_capped_utf8(o, o.key == "http.body.text" ? parse::max_body_observation_bytes : fuzz::max_value_bytes);
        fuzz::require(o.ip == base.ip && o.port == base.port);
    }
    // A same-host redirect is a path on this server, never an absolute URL to elsewhere.
    if (const auto target = parse::same_host_redirect(answer))
        fuzz::require(!target->empty() && target->front() == '/' && !target->starts_with("//"));
    parse::html_title(answer.body);
    parse::html_title(text);
    parse::auth_realm(text);
    for (const auto& [name, value] : answer.headers) parse::auth_realm(value);
    return 0;
}
