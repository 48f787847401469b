// What the ONVIF probe sends when a device refuses a call anonymously and the operator gave
// credentials: the WS-UsernameToken PasswordDigest header (OASIS Username Token Profile 1.0)
// and an HTTP Digest answer (RFC 7616, qop=auth, MD5 or SHA-256). Pure: no I/O, no clock,
// no randomness (the caller passes nonce and time), so known vectors test it.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace camaudit::probes {

// Caps on a device's WWW-Authenticate challenge.
inline constexpr std::size_t max_challenge_bytes = 4096;
inline constexpr std::size_t max_challenge_params = 16;

// Base64 (standard alphabet, padded).
std::string base64(std::span<const unsigned char> bytes);

// Base64(SHA1(nonce ‖ created ‖ password)).
std::string wsse_password_digest(std::span<const unsigned char> nonce, std::string_view created,
                                 std::string_view password);

// "YYYY-MM-DDThh:mm:ssZ" of a UTC time point (the Created element).
std::string wsse_created(std::chrono::system_clock::time_point when);

// Reads "YYYY-MM-DDThh:mm:ssZ" (the probe's onvif.system_date_time value); nullopt for a
// local time (no "Z") or anything else.
std::optional<std::chrono::system_clock::time_point> parse_utc_text(std::string_view text);

// The <Security> element to place inside the SOAP Header (username XML-escaped).
std::string wsse_security_header(std::string_view username, std::string_view password,
                                 std::span<const unsigned char> nonce, std::string_view created);

// A Digest challenge from one WWW-Authenticate value.
struct DigestChallenge {
    std::string realm;
    std::string nonce;
    std::string opaque;
    std::string algorithm = "MD5";  // "MD5" or "SHA-256" (others are refused)
    bool qop_auth = false;          // the server offers qop=auth
};

// The challenge when `value` is a Digest challenge we can answer, else nullopt.
std::optional<DigestChallenge> parse_digest_challenge(std::string_view value);

// The Authorization header value for `method uri` (nc fixed at 00000001, one request per
// challenge). Without qop=auth the RFC 2069 form is used.
std::string digest_authorization(const DigestChallenge& challenge, std::string_view username,
                                 std::string_view password, std::string_view method, std::string_view uri,
                                 std::string_view cnonce);

}  // namespace camaudit::probes
