// The shipped fingerprints and the Debian IEEE registry, loaded once per test binary: what
// the identification tests run against, and the observations they feed it.
#pragma once
#include <camaudit/observation.hpp>
#include <identify/identify.hpp>

#include <string>

namespace camaudit::testing {

inline const identify::Knowledge& shipped_knowledge() {
    static const auto loaded = identify::load_knowledge(CAMAUDIT_SOURCE_DATA_DIR, {}, "/usr/share/ieee-data");
    return *loaded;
}

// One observation of host 10.0.0.9 on TCP port 80.
inline Observation observed_on_port_80(const std::string& mac, const std::string& key, const std::string& value,
                                       const std::string& probe) {
    Observation o;
    o.ip = "10.0.0.9";
    o.mac = mac;
    o.key = key;
    o.value = value;
    o.port = 80;
    o.proto = "tcp";
    o.probe = probe;
    return o;
}

}  // namespace camaudit::testing
