// libFuzzer entry point for the ONVIF answer parser (and the SOAP envelope reader under it):
// any body, for any call, must give capped valid UTF-8 observations or none, never a crash.
#include <parse/onvif_answer.hpp>
#include <parse/soap_envelope.hpp>
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

// The first byte picks the call; the rest is the HTTP body as a device might send it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    using camaudit::parse::OnvifCall;
    using camaudit::parse::OnvifOutcome;
    const auto call = static_cast<OnvifCall>(data[0] % 4);
    const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
    camaudit::Observation base;
    base.ip = "127.0.0.1";
    base.port = 80;
    base.probe = "onvif";
    const auto answer = camaudit::parse::onvif_answer(call, body, base, max_value_bytes);
    // Only an answer or a fault says anything; everything else records nothing.
    if ((answer.outcome == OnvifOutcome::not_onvif || answer.outcome == OnvifOutcome::malformed) &&
        !answer.observations.empty())
        __builtin_trap();
    for (const auto& observation : answer.observations) {
        if (observation.value.empty() || observation.value.size() > max_value_bytes || !valid_utf8(observation.value))
            __builtin_trap();
        if (observation.ip != base.ip || observation.port != base.port) __builtin_trap();
    }
    camaudit::parse::parse_soap_envelope(body);
    return 0;
}
