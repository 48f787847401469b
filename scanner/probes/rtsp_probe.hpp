// The RTSP deep probe (see rtsp_probe.cpp).
#pragma once
#include <camaudit/probe.hpp>

namespace camaudit::probes {
extern const DeepProbe rtsp_probe;
}
