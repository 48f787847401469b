// The lab's ONVIF authentication: a profile's `onvif.credentials` {username, password} are
// checked the way a device checks them — a WS-UsernameToken PasswordDigest whose Created lies
// within five minutes of the device clock, or (onvif.auth = "digest") an HTTP Digest answer
// to the lab's 401 challenge. Verification is done here independently of the scanner's code.
#pragma once
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace camaudit::lab {

// The device clock of a profile: now shifted by onvif.clock_offset_s (a device set wrong).
std::chrono::system_clock::time_point onvif_device_now(const nlohmann::ordered_json& onvif,
                                                       std::chrono::system_clock::time_point now);

// Whether `body` carries a WS-UsernameToken that the profile's credentials accept at `device_now`.
bool onvif_username_token_valid(const nlohmann::ordered_json& onvif, std::string_view body,
                                std::chrono::system_clock::time_point device_now);

// For a profile with onvif.auth = "digest": the whole 401 response (Digest MD5, qop=auth) for a
// READ_SYSTEM call (GetDeviceInformation, GetScopes) to its ONVIF path whose Authorization is
// missing or wrong; nullopt when the request may proceed.
std::optional<std::string> onvif_digest_refusal(const nlohmann::ordered_json& profile, std::string_view method,
                                                std::string_view target, std::string_view body,
                                                std::string_view authorization);

}  // namespace camaudit::lab
