// libFuzzer entry point for the ONVIF answer parser (and the SOAP envelope reader under it):
// any body, for any call, must give capped valid UTF-8 observations or none, never a crash.
#include "fuzz_support.hpp"

#include <parse/onvif_answer.hpp>
#include <parse/soap_envelope.hpp>

// The first byte picks the call; the rest is the HTTP body as a device might send it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    if (size == 0) return 0;
    const auto call = static_cast<parse::OnvifCall>(data[0] % 4);
    const auto body = fuzz::bytes_of(data + 1, size - 1);
    auto base = fuzz::fuzz_base(80);
    base.probe = "onvif";
    const auto answer = parse::onvif_answer(call, body, base, fuzz::max_value_bytes);
    // Only an answer or a fault says anything; everything else records nothing.
    const bool silent = answer.outcome == parse::OnvifOutcome::not_onvif || answer.outcome == parse::OnvifOutcome::malformed;
    fuzz::require(!silent || answer.observations.empty());
    fuzz::require_sound(answer.observations, base);
    for (const auto& o : answer.observations) fuzz::require(!o.value.empty());
    parse::parse_soap_envelope(body);
    return 0;
}
