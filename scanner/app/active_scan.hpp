// The active scan as app/ wires it: the engine's options and result under their old names.
#pragma once
#include <engine/scan_engine.hpp>

namespace camaudit::app {

using ActiveScanOptions = engine::ScanOptions;
using ActiveScanResult = engine::ScanResult;

inline ActiveScanResult run_active_scan(const targets::TargetSet& targets, const ActiveScanOptions& options) {
    return engine::run_scan(targets, options);
}

}  // namespace camaudit::app
