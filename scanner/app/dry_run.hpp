// `camaudit scan --dry-run`: the plan of a scan, checked as a real run checks it, printed
// with its probe counts and duration estimate, and not one packet sent.
#pragma once
#include <app/active_scan.hpp>
#include <app/scan_command.hpp>
#include <targets/target_set.hpp>

namespace camaudit::app {

// Takes host names as written (each counts as one address) instead of asking the DNS: a
// check or a dry run must not depend on, or tell, the network.
targets::Resolver names_unresolved();

// Prints the plan on stdout; returns the exit code (0).
int print_dry_run(const ScanArgs& args, const ScanPlan& plan, const ActiveScanOptions& options);

}  // namespace camaudit::app
