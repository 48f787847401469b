// libFuzzer entry point for the RTSP answer parser: any bytes read from an RTSP port must
// frame, parse and turn into observations (valid UTF-8, capped) without a crash or a hang.
#include "fuzz_support.hpp"

#include <parse/rtsp_answer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    const auto bytes = fuzz::bytes_of(data, size);
    const auto length = parse::rtsp_head_length(bytes);
    fuzz::require(!length || (*length <= bytes.size() && *length <= parse::max_rtsp_head_bytes));
    auto head = parse::parse_rtsp_head(bytes.substr(0, length.value_or(bytes.size())));
    fuzz::require(head.content_length <= parse::max_rtsp_body_bytes);
    fuzz::require(head.answer.headers.size() <= parse::max_rtsp_header_fields);
    if (head.outcome != parse::RtspParse::ok) return 0;
    head.answer.body = std::string(bytes.substr(length.value_or(bytes.size())));
    const auto base = fuzz::fuzz_base(554);
    fuzz::require_sound(parse::rtsp_observations(head.answer, "DESCRIBE", base, fuzz::max_value_bytes), base);
    parse::parse_sdp(bytes);
    return 0;
}
