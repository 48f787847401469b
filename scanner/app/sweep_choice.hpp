// Which sweep `scan` runs (docs/scheduling.md): the SYN sweep where it can be opened, the
// connect sweep otherwise; chosen, and the SYN sweep opened, before privileges are dropped.
#pragma once
#include <engine/syn_sweep.hpp>
#include <targets/target_set.hpp>

#include <memory>
#include <string>

namespace camaudit::app {

// What the user asked: the default, --syn (nmap's -sS) or --connect (nmap's -sT).
enum class SweepRequest { automatic, syn, connect };

struct SweepChoice {
    std::unique_ptr<engine::SynSweep> syn;  // null: the connect sweep for every address
    std::string note;                       // why not SYN, said once on stderr; empty when asked or SYN
};

// Opens the SYN sweep on the route to the IPv4 targets when the request allows it and the
// process has CAP_NET_RAW. It takes one route: IPv4 targets leaving from more than one source
// address get the connect sweep, every address of them (nothing skipped). Under --syn any
// reason not to is a UsageError (exit 2); by default it becomes the note.
SweepChoice choose_sweep(SweepRequest request, const targets::TargetSet& scope);

}  // namespace camaudit::app
