// The ONVIF device-service deep probe (see onvif_probe.cpp).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {
extern const DeepProbe onvif_probe;
}
