// `camaudit verify REPORT [--key PUBKEY]`: checks REPORT.sig against the report's bytes.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace camaudit::app {

struct VerifyArgs {
    std::string report;
    std::string key;        // PEM public key the signer must hold; optional
    std::string signature;  // default REPORT.sig
};

CLI::App* add_verify_command(CLI::App& app, VerifyArgs& args);
// 0 when every check passes; 1 naming the first failed check.
int run_verify(const VerifyArgs& args);

}  // namespace camaudit::app
