#!/usr/bin/env bash
# Benchmark: what each probe adds to the lab's identification. For every probe, one lab scan
# with that probe alone and one with every probe but it, each scored by accuracy.sh; the
# difference from the all-probes scan is what that probe alone contributes.
# Usage: bench/probe_contribution.sh [RANGE]   (default RANGE 127.0.1.0/24)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
[ -x "$build/camaudit" ] || scripts/build >/dev/null
range=${1:-127.0.1.0/24}
# The probe names, as the usage error for an unknown one lists them.
probes=$("$build/camaudit" scan 127.0.0.1 --probes no-such-probe 2>&1 | sed -n 's/.*known probes: \(.*\) (or .all.).*/\1/p' || true)
probes=${probes//,/}
accuracy() { BUILD_DIR=$build bench/accuracy.sh "$range" --probes "$1" | sed -n 's/^vendor accuracy: \([^;]*\);.*/\1/p'; }
echo "all probes: $(accuracy all)"
for probe in $probes; do
  others=$(for p in $probes; do [ "$p" = "$probe" ] || printf '%s,' "$p"; done)
  printf '%-8s alone: %-16s all but it: %s\n' "$probe" "$(accuracy "$probe")" "$(accuracy "${others%,}")"
done
