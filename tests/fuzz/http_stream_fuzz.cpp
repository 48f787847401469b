// libFuzzer entry point for the captured-HTTP-stream splitter: any server bytes must frame
// into at most max_stream_answers answers within the caps, and their observations must be
// valid UTF-8 under the value cap (the body's text under its own).
#include "fuzz_support.hpp"

#include <parse/http_stream.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    const auto answers = parse::http_answers_in_stream(fuzz::bytes_of(data, size));
    fuzz::require(answers.size() <= parse::max_stream_answers);
    const auto base = fuzz::fuzz_base();
    for (const auto& answer : answers) {
        fuzz::require(answer.headers.size() <= parse::max_header_fields);
        fuzz::require(answer.body.size() <= parse::max_body_observation_bytes && answer.body.size() <= size);
        for (const auto& o : parse::http_observations(answer, base, fuzz::max_value_bytes)) {
            fuzz::require_capped_utf8(o, o.key == "http.body.text" ? parse::max_body_observation_bytes : fuzz::max_value_bytes);
            fuzz::require(o.ip == base.ip);
        }
    }
    return 0;
}
