// `camaudit verify`: three checks in order — the signature file reads, it was made with the
// expected key (when --key is given), and it matches the report's bytes — each named on failure.
#include <app/verify_command.hpp>

#include <camaudit/error.hpp>
#include <report/signing.hpp>

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

}  // namespace

CLI::App* add_verify_command(CLI::App& app, VerifyArgs& args) {
    auto* verify = app.add_subcommand("verify", "Check a report's detached Ed25519 signature (REPORT.sig)");
    verify->add_option("report", args.report, "The report file that was signed with scan --sign")->required()
        ->type_name("REPORT");
    verify->add_option("--key,-k", args.key, "PEM public key the report must be signed with");
    verify->add_option("--signature", args.signature, "Signature file (default: REPORT.sig)");
    verify->footer(
        "EXAMPLES\n"
        "  camaudit verify audit.json --key site-signing.pub\n\n"
        "EXIT STATUS\n"
        "  0  the signature matches the report (and the key, when --key is given)\n"
        "  1  a check failed (signature file, signer key or signature): the message\n"
        "     names it\n"
        "  2  usage error (no such report, unreadable key)");
    return verify;
}

int run_verify(const VerifyArgs& args) {
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
    if (!args.key.empty()) {
        const auto expected = report::load_public_key(args.key);
        if (expected != sig.public_key)
            return fail("signer key", fmt::format("signed by key {}, not by {} ({})", signer, args.key,
                                                  report::key_fingerprint(expected)));
    }
    if (!report::verify_bytes(*content, sig))
        return fail("signature", args.report + " does not match its signature: it changed after signing");
    fmt::print("camaudit: verify: OK: {} is signed by key {}\n", args.report, signer);
    if (args.key.empty())
        fmt::print(stderr, "camaudit: note: without --key this proves the report is unchanged since key {} "
                           "signed it, not who holds that key\n", signer);
    return verified;
}

}  // namespace camaudit::app
