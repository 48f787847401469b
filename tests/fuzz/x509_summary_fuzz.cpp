// libFuzzer entry point for the certificate reader: any bytes a TLS server hands over as its
// certificate must be refused or summarised (valid UTF-8, capped observations), never crash.
#include <parse/text.hpp>
#include <parse/x509_summary.hpp>

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
    const std::string_view der(reinterpret_cast<const char*>(data), size);
    const auto summary = camaudit::parse::summarize_x509(der);
    if (!summary) return 0;
    if (summary->alt_names.size() > camaudit::parse::max_alt_names) __builtin_trap();
    camaudit::Observation base;
    base.ip = "127.0.0.1";
    base.port = 443;
    for (const auto& observation : camaudit::parse::x509_observations(*summary, base, max_value_bytes))
        if (observation.value.size() > max_value_bytes || !valid_utf8(observation.value)) __builtin_trap();
    return 0;
}
