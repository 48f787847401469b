// libFuzzer entry point for the RTSP answer parser: any bytes read from an RTSP port must
// frame, parse and turn into observations (valid UTF-8, capped) without a crash or a hang.
#include <parse/rtsp_answer.hpp>
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
    const auto length = camaudit::parse::rtsp_head_length(bytes);
    if (length && (*length > bytes.size() || *length > camaudit::parse::max_rtsp_head_bytes)) __builtin_trap();
    auto head = camaudit::parse::parse_rtsp_head(bytes.substr(0, length.value_or(bytes.size())));
    if (head.content_length > camaudit::parse::max_rtsp_body_bytes) __builtin_trap();
    if (head.answer.headers.size() > camaudit::parse::max_rtsp_header_fields) __builtin_trap();
    if (head.outcome != camaudit::parse::RtspParse::ok) return 0;
    head.answer.body = std::string(bytes.substr(length.value_or(bytes.size())));
    camaudit::Observation base;
    base.ip = "127.0.0.1";
    base.port = 554;
    for (const auto& observation : camaudit::parse::rtsp_observations(head.answer, "DESCRIBE", base, max_value_bytes)) {
        if (observation.value.size() > max_value_bytes || !valid_utf8(observation.value)) __builtin_trap();
        if (observation.ip != base.ip || observation.port != base.port) __builtin_trap();
    }
    camaudit::parse::parse_sdp(bytes);
    return 0;
}
