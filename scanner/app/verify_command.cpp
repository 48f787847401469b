// `camaudit verify`: three checks in order — the signature file reads, it was made with the
// trusted key (--key or --fingerprint, one of them required), and it matches the report's
// bytes and the scan it names — each named on failure.
#include <app/verify_command.hpp>

#include <camaudit/error.hpp>
#include <report/printable.hpp>
#include <report/signing.hpp>

#include <cctype>
#include <optional>

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace camaudit::app {
namespace {

constexpr int verified = 0;
constexpr int failed = 1;

std::optional<std::string> slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int fail(std::string_view check, const std::string& why) {
    fmt::print(stderr, "camaudit: verify: FAILED check '{}': {}\n", check, why);
    return failed;
}

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void check_pin(const std::string& pin) {
    if (pin.size() < 16 || pin.size() > 64 || pin.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw UsageError("--fingerprint must be 16 to 64 hex digits of the key's SHA-256, as verify prints it");
}

// Why the signer key is not the trusted one, or nothing when it is.
std::optional<std::string> untrusted(const VerifyArgs& args, const report::Signature& sig) {
    const auto signer = report::key_fingerprint(sig.public_key);
    if (!args.key.empty()) {
        const auto expected = report::load_public_key(args.key);
        if (expected != sig.public_key)
            return fmt::format("signed by key {}, not by {} ({})", signer, args.key, report::key_fingerprint(expected));
        return std::nullopt;
    }
    const auto pin = lowercase(args.fingerprint);
    if (report::key_fingerprint(sig.public_key, pin.size()) != pin)
        return fmt::format("signed by key {}, not by the pinned fingerprint {}", signer, pin);
    return std::nullopt;
}

}  // namespace

CLI::App* add_verify_command(CLI::App& app, VerifyArgs& args) {
    auto* verify = app.add_subcommand("verify", "Check a report's detached Ed25519 signature (REPORT.sig)");
    verify->add_option("report", args.report, "The report file that was signed with scan --sign")->required()
        ->type_name("REPORT");
    verify->add_option("--key,-k", args.key, "PEM public key the report must be signed with (trusted, not from the .sig)");
    verify->add_option("--fingerprint", args.fingerprint,
                       "Or the pinned fingerprint of that key: 16-64 hex digits of its SHA-256")->type_name("HEX");
    verify->add_option("--signature", args.signature, "Signature file (default: REPORT.sig)");
    verify->footer(
        "EXAMPLES\n"
        "  camaudit verify audit.json --key site-signing.pub\n"
        "  camaudit verify audit.json --fingerprint 3f2a9c0d41b7e815\n\n"
        "A trusted key or fingerprint is required: the .sig file carries its signer's\n"
        "key, and whoever changed the report could have signed it again with their own.\n"
        "OK names the scan id and time the signature covers: check them against the\n"
        "scan you expect, so that an older signed report cannot pass for a newer one.\n\n"
        "EXIT STATUS\n"
        "  0  the signature matches the report, the scan it names, and the trusted key\n"
        "  1  a check failed (signature file, signer key or signature): the message\n"
        "     names it\n"
        "  2  usage error (no such report, unreadable key, no --key or --fingerprint)");
    return verify;
}

int run_verify(const VerifyArgs& args) {
    if (!args.key.empty() && !args.fingerprint.empty()) throw UsageError("give --key or --fingerprint, not both");
    if (!args.fingerprint.empty()) check_pin(lowercase(args.fingerprint));
    const auto content = slurp(args.report);
    if (!content) throw UsageError("cannot read report " + args.report);
    const std::string sig_path = args.signature.empty() ? args.report + ".sig" : args.signature;
    const auto sig_text = slurp(sig_path);
    if (!sig_text) return fail("signature file", "cannot read " + sig_path);
    report::Signature sig;
    try {
        sig = report::parse_signature_file(*sig_text, sig_path);
    } catch (const DataError& e) {
        return fail("signature file", e.what());
    }
    const auto signer = report::key_fingerprint(sig.public_key);
    if (args.key.empty() && args.fingerprint.empty())
        throw UsageError(fmt::format("verify needs a trusted public key (--key FILE.pub) or a pinned fingerprint "
                                     "(--fingerprint HEX): {} names its own signer, key {}, which proves nothing "
                                     "by itself", sig_path, signer),
                         "ask the signer for the public key, or confirm fingerprint " + signer +
                             " with them and pass --fingerprint " + signer);
    if (const auto why = untrusted(args, sig)) return fail("signer key", *why);
    if (!report::verify_bytes(*content, sig))
        return fail("signature", args.report + " does not match its signature: it or the scan it names changed "
                                               "after signing");
    fmt::print("camaudit: verify: OK: {} is the report of scan {} finished {}, signed by key {}\n", args.report,
               report::printable(sig.scan.id), report::printable(sig.scan.time), signer);
    return verified;
}

}  // namespace camaudit::app
