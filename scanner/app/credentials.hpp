// ONVIF credentials for `scan`: from a file the operator owns and keeps private (mode 0600 or
// stricter), or from the environment; never from a flag, so no secret shows in `ps`.
#pragma once
#include <camaudit/probe.hpp>

#include <optional>
#include <string>

namespace camaudit::app {

using OnvifCredentials = ProbeData::OnvifCredentials;

struct LoadedCredentials {
    std::optional<OnvifCredentials> credentials;
    std::string source;  // "file", "environment", or empty: recorded in the report, no secret
};

// Reads `username = …` and `password = …` lines (values optionally in double quotes, `#`
// comments). Throws UsageError (exit 2) unless `path` is a regular file owned by the running
// user with no group or other permission bits; messages name the file and line, never a value.
OnvifCredentials load_credentials_file(const std::string& path);

// The credentials the run uses: `file` (--onvif-credentials or the config's
// onvif_credentials), else $CAMAUDIT_ONVIF_CREDENTIALS (a file), else $CAMAUDIT_ONVIF_USER and
// $CAMAUDIT_ONVIF_PASSWORD. The password variable is wiped from the process environment
// once read.
LoadedCredentials resolve_onvif_credentials(const std::string& file);

}  // namespace camaudit::app
