// libFuzzer entry point for the captured-HTTP-stream splitter: any server bytes must frame
// into at most max_stream_answers answers within the caps, and their observations must be
// valid UTF-8 under the value cap.
#include <parse/http_stream.hpp>
#include <parse/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr std::size_t max_value_bytes = 4096;

bool valid_utf8(const std::string& value) {
    return camaudit::parse::to_valid_utf8(value, value.size() + 1) == value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto answers = camaudit::parse::http_answers_in_stream(bytes);
    if (answers.size() > camaudit::parse::max_stream_answers) __builtin_trap();
    camaudit::Observation base;
    base.ip = "127.0.0.1";
    for (const auto& answer : answers) {
        if (answer.headers.size() > camaudit::parse::max_header_fields) __builtin_trap();
        if (answer.body.size() > camaudit::parse::max_body_observation_bytes || answer.body.size() > size) __builtin_trap();
        for (const auto& o : camaudit::parse::http_observations(answer, base, max_value_bytes)) {
            const std::size_t cap = o.key == "http.body.text" ? camaudit::parse::max_body_observation_bytes : max_value_bytes;
            if (o.value.size() > cap || !valid_utf8(o.value) || o.ip != base.ip) __builtin_trap();
        }
    }
    return 0;
}
