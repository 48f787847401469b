// libFuzzer entry point for the human-output gate: whatever bytes a device sends, printable()
// returns valid UTF-8 with no control, bidi control or line separator in it.
#include "fuzz_support.hpp"

#include <report/printable.hpp>

namespace {

bool bends_a_line(const std::string& text) {
    for (std::string_view seq : {"\xc2\x80", "\xc2\x85", "\xc2\x9f", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\xa8",
                                 "\xe2\x80\x8e", "\xd8\x9c"})
        if (text.find(seq) != std::string::npos) return true;
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camaudit;
    const auto bytes = fuzz::bytes_of(data, size);
    const auto shown = report::printable(bytes);
    fuzz::require(fuzz::valid_utf8(shown) && !bends_a_line(shown));
    return 0;
}
