// What one ONVIF device-service answer tells about a device, as observations: pure, no I/O,
// any bytes. The probe (scanner/probes/onvif_probe.cpp) sends the calls and reads the answers.
#pragma once
#include <camaudit/observation.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::parse {

inline constexpr std::size_t max_onvif_scopes = 64;  // scopes kept from one GetScopes answer

// The device-service calls the probe makes, in the order it makes them.
enum class OnvifCall { system_date_time, device_information, capabilities, scopes };

// The operation name ("GetDeviceInformation") and the SOAP 1.2 request envelope of a call;
// `header_xml` (a WS-Security element) goes into an s:Header when not empty.
std::string_view onvif_operation(OnvifCall call);
std::string onvif_request(OnvifCall call, std::string_view header_xml = {});

// The observation keys this parser can emit (the vocabulary test checks them).
inline constexpr std::string_view onvif_observation_keys[] = {
    "onvif.device_information.manufacturer", "onvif.device_information.model",
    "onvif.device_information.firmware",     "onvif.device_information.serial",
    "onvif.device_information.hardware_id",  "onvif.scopes",
    "onvif.fault",                           "onvif.system_date_time",
    "onvif.capabilities.version",
};

enum class OnvifOutcome {
    answered,   // the expected response element: its facts are in `observations`
    fault,      // a SOAP fault (an ONVIF stack refused: "ter:NotAuthorized", ...)
    not_onvif,  // not a SOAP answer at all (404 page, HTML, empty): nothing is recorded
    malformed,  // SOAP-looking bytes we refuse (DOCTYPE, too big, too deep, broken XML)
};

struct OnvifAnswer {
    OnvifOutcome outcome = OnvifOutcome::not_onvif;
    std::vector<Observation> observations;
};

// Interprets the HTTP body of one call. `base` supplies ip, port, proto, probe, context and
// time; every value is valid UTF-8 capped at `max_value_bytes`. A SOAP answer that is the
// wrong response element for `call` is malformed; empty fields are not reported.
OnvifAnswer onvif_answer(OnvifCall call, std::string_view body, const Observation& base,
                         std::size_t max_value_bytes);

}  // namespace camaudit::parse
