// libFuzzer entry point for the certificate reader: any bytes a TLS server hands over as its
// certificate must be refused or summarised (valid UTF-8, capped observations), never crash.
#include "fuzz_support.hpp"

#include <parse/x509_summary.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    const auto summary = parse::summarize_x509(fuzz::bytes_of(data, size));
    if (!summary) return 0;
    fuzz::require(summary->alt_names.size() <= parse::max_alt_names);
    const auto base = fuzz::fuzz_base(443);
    fuzz::require_sound(parse::x509_observations(*summary, base, fuzz::max_value_bytes), base);
    return 0;
}
