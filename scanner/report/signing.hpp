// Detached Ed25519 signatures over a report's bytes (OpenSSL EVP): REPORT.sig beside REPORT.
// The .sig file is text: a format line, the signer's public key and the signature, base64.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace camaudit::report {

struct Signature {
    std::string public_key;  // raw 32-byte Ed25519 public key
    std::string signature;   // raw 64-byte signature
};

// Signs `content` with the Ed25519 private key in the PEM file `key_pem`. Throws UsageError
// naming the file when it is unreadable or not an Ed25519 private key.
Signature sign_bytes(std::string_view content, const std::filesystem::path& key_pem);

std::string signature_file_text(const Signature& s);
// Throws DataError naming `origin` and the bad line.
Signature parse_signature_file(std::string_view text, const std::string& origin);

// The raw 32-byte key from a PEM public (or private) key file; throws UsageError.
std::string load_public_key(const std::filesystem::path& key_pem);

bool verify_bytes(std::string_view content, const Signature& s);

// Writes `report_path`.sig for the bytes `content` (atomically). Throws RunError/UsageError.
void write_signature(const std::filesystem::path& report_path, std::string_view content,
                     const std::filesystem::path& key_pem);

// Short printable fingerprint of a public key: the first 16 hex digits of its SHA-256.
std::string key_fingerprint(std::string_view public_key);

}  // namespace camaudit::report
