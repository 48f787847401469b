#!/usr/bin/env bash
# Benchmark: one active scan of the device lab (in its private network namespace) with the
# Release build; prints devices found, wall time and camaudit's peak memory.
# Usage: bench/lab_scan.sh [RANGE] [extra scan flags...]   (default RANGE 127.0.1.0/24)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
[ -x "$build/camaudit" ] || scripts/build >/dev/null
range=${1:-127.0.1.0/24}
shift || true
out=$(mktemp -d)
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
trap 'rm -rf "$out"' EXIT
"$build/tests/lab/camaudit-lab" -- /usr/bin/time -f '%e %M' -o "$out/time" \
  "$build/camaudit" scan "$range" --rate 20000 --quiet --no-progress --out "$out/report.json" "$@" \
  2>/dev/null || true
read -r seconds peak_kib < <(tail -n 1 "$out/time")
python3 - "$out/report.json" "$seconds" "$peak_kib" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
s = report["summary"]
print(f"lab scan {report['scan']['targets'][0]}: {report['scan']['hosts_probed']} addresses, "
      f"{s['devices']} devices ({s['cameras']} cameras, {s['prohibited']} prohibited, {s['review']} review), "
      f"{len(report['errors'])} errors")
print(f"wall {float(sys.argv[2]):.2f} s, peak memory {int(sys.argv[3]) / 1024:.1f} MiB")
PY
