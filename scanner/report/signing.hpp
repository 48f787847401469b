// Detached Ed25519 signatures over a report's bytes (OpenSSL EVP): REPORT.sig beside REPORT.
// The .sig file is text: a format line, the scan it is of, the signer's public key and the
// signature (base64) over those lines and the report, so an old report cannot pass for a new one.
#pragma once
#include <report/atomic_write.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace camaudit::report {

// The scan a signature vouches for, signed with the bytes.
struct SignedScan {
    std::string id;
    std::string time;  // when it finished, ISO 8601 UTC
};

struct Signature {
    SignedScan scan;
    std::string public_key;  // raw 32-byte Ed25519 public key
    std::string signature;   // raw 64-byte signature
};

// Signs `scan` and `content` with the Ed25519 private key in the PEM file `key_pem`. Throws
// UsageError naming the file when it is unreadable, not an Ed25519 private key, or readable
// or writable by anyone but its owner (mode 0600 or stricter).
Signature sign_bytes(std::string_view content, const std::filesystem::path& key_pem, const SignedScan& scan = {});

std::string signature_file_text(const Signature& s);
// Throws DataError naming `origin` and the bad line.
Signature parse_signature_file(std::string_view text, const std::string& origin);

// The raw 32-byte key from a PEM public (or private) key file; throws UsageError.
std::string load_public_key(const std::filesystem::path& key_pem);

bool verify_bytes(std::string_view content, const Signature& s);

// Writes `report_path`.sig for the bytes `content` of `scan` (atomically). Throws
// RunError/UsageError.
void write_signature(const std::filesystem::path& report_path, std::string_view content,
                     const std::filesystem::path& key_pem, const SignedScan& scan, const FileAccess& access = {});

// Printable fingerprint of a public key: the first `hex_digits` (at most 64) hex digits of
// its SHA-256; 16 is what camaudit prints.
std::string key_fingerprint(std::string_view public_key, std::size_t hex_digits = 16);

}  // namespace camaudit::report
