// The HTTP(S) deep probe (see http_probe.cpp).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {
extern const DeepProbe http_probe;
}
