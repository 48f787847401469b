// What a server certificate tells about a device (subject, issuer, serial, validity, names),
// read from its DER bytes with OpenSSL: pure, no I/O, any bytes.
#pragma once
#include <camaudit/observation.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camaudit::parse {

// Caps: a larger "certificate" is refused unread; names beyond the cap are ignored.
inline constexpr std::size_t max_certificate_bytes = 64 * 1024;
inline constexpr std::size_t max_alt_names = 64;

// Distinguished names are RFC 4514 strings, most specific first, as recog and Zeek print
// them ("CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN"), UTF-8
// kept. Times are ISO 8601 UTC ("2019-12-17T00:00:00Z").
struct X509Summary {
    std::string subject;
    std::string subject_cn;  // the most specific CN, empty when there is none
    std::string issuer;
    std::string serial;      // upper-case hex, no separators
    std::string not_before;
    std::string not_after;
    bool self_signed = false;  // issuer equals subject and the signature checks with its own key
    std::vector<std::string> alt_names;  // DNS names and IP addresses of subjectAltName
    std::string sha256;      // of the DER, lower-case hex: one factory certificate, one value
};

// nullopt when `der` is not one DER certificate (or is larger than max_certificate_bytes).
std::optional<X509Summary> summarize_x509(std::string_view der);

inline constexpr std::string_view tls_observation_keys[] = {
    "tls.certificate.subject",    "tls.certificate.subject_cn", "tls.certificate.issuer",
    "tls.certificate.serial",     "tls.certificate.not_before", "tls.certificate.not_after",
    "tls.certificate.self_signed", "tls.certificate.san",       "tls.certificate.sha256",
};

// Observations of one certificate; `base` supplies ip, port, proto, probe and time; values
// are valid UTF-8 capped at `max_value_bytes`; one tls.certificate.san per name.
std::vector<Observation> x509_observations(const X509Summary& summary, const Observation& base,
                                           std::size_t max_value_bytes);

}  // namespace camaudit::parse
