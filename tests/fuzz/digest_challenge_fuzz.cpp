// libFuzzer entry point for the ONVIF probe's WWW-Authenticate Digest parser: any header value
// gives no challenge or one whose echoed fields hold no quote, backslash or control byte, and
// answering it never crashes.
#include <probes/onvif_auth.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

bool header_safe(std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == 0x7f) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value(reinterpret_cast<const char*>(data), size);
    const auto challenge = camaudit::probes::parse_digest_challenge(value);
    if (!challenge) return 0;
    if (!header_safe(challenge->realm) || !header_safe(challenge->nonce) || !header_safe(challenge->opaque)) std::abort();
    if (challenge->algorithm != "MD5" && challenge->algorithm != "SHA-256") std::abort();
    const auto header = camaudit::probes::digest_authorization(*challenge, "user", "pass", "POST", "/onvif/device_service", "cnonce");
    if (header.find('\r') != std::string::npos || header.find('\n') != std::string::npos) std::abort();
    return 0;
}
