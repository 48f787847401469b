// Ed25519 signing and verification through OpenSSL 3 EVP (one-shot DigestSign/Verify, as
// Ed25519 requires), and the text layout of the detached .sig file.
#include <report/report_writer.hpp>
#include <report/signing.hpp>

#include <camaudit/error.hpp>

#include <fmt/format.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <sys/stat.h>

namespace camaudit::report {
namespace {

constexpr std::string_view format_line = "camaudit-signature/2";
constexpr std::size_t max_sig_file = 4096;

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Ctx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

// A private key others can read is a key others may hold: refused, whoever runs us.
void check_private_mode(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw UsageError("cannot read key file " + path.string());
    if ((st.st_mode & 077) != 0)
        throw UsageError(fmt::format("signing key {} is open to others (mode {:04o}): refused, it must be 0600 or "
                                     "stricter", path.string(), st.st_mode & 07777),
                         "chmod 600 " + path.string() + " (and make a new key if others may have read it)");
}

// What the signature covers: the format line, the scan lines, then the report's bytes.
std::string signed_message(std::string_view content, const SignedScan& scan) {
    return fmt::format("{}\nscan-id: {}\nscan-time: {}\n", format_line, scan.id, scan.time) + std::string(content);
}

// A scan line value must stay one line of the .sig file.
std::string one_line(std::string_view value) {
    std::string out(value);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return out;
}

Key read_key(const std::filesystem::path& path, bool want_private) {
    if (want_private) check_private_mode(path);
    Bio bio(BIO_new_file(path.c_str(), "r"), BIO_free);
    if (!bio) throw UsageError("cannot read key file " + path.string());
    EVP_PKEY* raw = want_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                                 : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!raw && !want_private) {  // a private key file also tells the public key
        BIO_reset(bio.get());
        raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    }
    Key key(raw, EVP_PKEY_free);
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        throw UsageError(fmt::format("{} is not a PEM Ed25519 {} key", path.string(), want_private ? "private" : "public"),
                         "make one with: openssl genpkey -algorithm ed25519 -out key.pem; "
                         "openssl pkey -in key.pem -pubout -out key.pub");
    return key;
}

std::string raw_public(EVP_PKEY* key) {
    std::string out(32, '\0');
    std::size_t len = out.size();
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &len) != 1 || len != 32)
        throw RunError("cannot read the Ed25519 public key");
    return out;
}

std::string base64(std::string_view raw) {
    std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Decodes exactly `want` bytes of base64 or returns nothing.
std::optional<std::string> unbase64(std::string_view text, std::size_t want) {
    if (text.size() != 4 * ((want + 2) / 3)) return std::nullopt;
    std::string out(text.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    out.resize(want);  // DecodeBlock counts the padding bytes as zeros
    return out;
}

}  // namespace

Signature sign_bytes(std::string_view content, const std::filesystem::path& key_pem, const SignedScan& scan) {
    const Key key = read_key(key_pem, true);
    const SignedScan lines{one_line(scan.id), one_line(scan.time)};
    const std::string message = signed_message(content, lines);
    Ctx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::string sig(64, '\0');
    std::size_t len = sig.size();
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 || len != 64)
        throw RunError("Ed25519 signing failed with key " + key_pem.string());
    return Signature{lines, raw_public(key.get()), sig};
}

bool verify_bytes(std::string_view content, const Signature& s) {
    Key key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                        reinterpret_cast<const unsigned char*>(s.public_key.data()), s.public_key.size()),
            EVP_PKEY_free);
    Ctx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
    const std::string message = signed_message(content, s.scan);
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(s.signature.data()), s.signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::string load_public_key(const std::filesystem::path& key_pem) {
    const Key key = read_key(key_pem, false);
    return raw_public(key.get());
}

std::string signature_file_text(const Signature& s) {
    return fmt::format("{}\nalgorithm: ed25519\nscan-id: {}\nscan-time: {}\npublic-key: {}\nsignature: {}\n",
                       format_line, s.scan.id, s.scan.time, base64(s.public_key), base64(s.signature));
}

Signature parse_signature_file(std::string_view text, const std::string& origin) {
    if (text.size() > max_sig_file) throw DataError(origin + ": too large for a signature file");
    Signature s;
    std::size_t line_no = 0, pos = 0;
    bool header = false, algorithm = false, scan_id = false, scan_time = false;
    while (pos < text.size()) {
        const auto end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        const auto bad = [&](std::string_view what) {
            return DataError(fmt::format("{}:{}: {}", origin, line_no, what));
        };
        if (line_no == 1) {
            if (line == "camaudit-signature/1")
                throw bad("a camaudit-signature/1 file names no scan, so it cannot tell an old report from a new "
                          "one: sign the report again");
            if (line != format_line) throw bad("not a camaudit-signature/2 file");
            header = true;
            continue;
        }
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos) throw bad("expected 'field: value'");
        const auto field = line.substr(0, colon), value = line.substr(colon + 2);
        if (field == "algorithm") {
            if (value != "ed25519") throw bad("algorithm must be ed25519");
            algorithm = true;
        } else if (field == "scan-id") {
            s.scan.id = value;
            scan_id = true;
        } else if (field == "scan-time") {
            s.scan.time = value;
            scan_time = true;
        } else if (field == "public-key") {
            auto raw = unbase64(value, 32);
            if (!raw) throw bad("public-key is not a base64 Ed25519 key");
            s.public_key = *raw;
        } else if (field == "signature") {
            auto raw = unbase64(value, 64);
            if (!raw) throw bad("signature is not a base64 Ed25519 signature");
            s.signature = *raw;
        } else {
            throw bad("unknown field '" + std::string(field) + "'");
        }
    }
    if (!header || !algorithm || !scan_id || !scan_time || s.public_key.empty() || s.signature.empty())
        throw DataError(origin + ": incomplete signature file (needs algorithm, scan-id, scan-time, public-key, signature)");
    return s;
}

void write_signature(const std::filesystem::path& report_path, std::string_view content,
                     const std::filesystem::path& key_pem, const SignedScan& scan, const FileAccess& access) {
    const auto sig = sign_bytes(content, key_pem, scan);
    write_atomically(report_path.string() + ".sig", signature_file_text(sig), access);
}

std::string key_fingerprint(std::string_view public_key, std::size_t hex_digits) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(public_key.data()), public_key.size(), digest);
    std::string out;
    for (unsigned char byte : digest) out += fmt::format("{:02x}", byte);
    return out.substr(0, hex_digits);
}

}  // namespace camaudit::report
