// `camaudit verify REPORT --key PUBKEY | --fingerprint HEX`: checks REPORT.sig against the
// report's bytes and a key the caller trusts (the .sig names its own key, which proves nothing).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

struct VerifyArgs {
    std::string report;
    std::string key;          // PEM public key the signer must hold
    std::string fingerprint;  // or the pinned SHA-256 of that key, hex (16 to 64 digits)
    std::string signature;  // default REPORT.sig
};

CLI::App* add_verify_command(CLI::App& app, VerifyArgs& args);
// 0 when every check passes; 1 naming the first failed check; UsageError (2) without a
// trusted key or fingerprint.
int run_verify(const VerifyArgs& args);

}  // namespace camaudit::app
