// The TLS certificate deep probe (see tls_probe.cpp).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {
extern const DeepProbe tls_probe;
}
