#!/usr/bin/env bash
# Benchmark: identification accuracy on the device lab. Scans the lab (in its private network
# namespace, like lab_scan.sh) and compares each device with its profile's truth block:
# vendor accuracy, and banned-vendor recall and precision (prohibited, and prohibited or review).
# Usage: bench/accuracy.sh [RANGE] [extra scan flags...]   (default RANGE 127.0.1.0/24)
#        bench/accuracy.sh --segment [extra scan flags...]   (root: the lab on a namespaced
#        Ethernet segment with the profiles' MACs, scanned as 10.77.0.0/24 with --arp on seg0)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
[ -x "$build/camaudit" ] && [ -x "$build/tests/lab/camaudit-lab" ] || scripts/build >/dev/null
lab=("$build/tests/lab/camaudit-lab")
if [ "${1:-}" = --segment ]; then
  shift
  lab+=(--segment)
  range=10.77.0.0/24
  set -- --arp --interface seg0 "$@"
else
  range=${1:-127.0.1.0/24}
  shift || true
fi
out=$(mktemp -d)
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
trap 'rm -rf "$out"' EXIT
chmod 777 "$out"  # as root the scan drops to another account once its handles are open
"${lab[@]}" --list >"$out/placements.json"
"${lab[@]}" -- "$build/camaudit" scan "$range" --rate 20000 --quiet --no-progress \
  --out "$out/report.json" "$@" 2>/dev/null || true
python3 - "$out/report.json" "$out/placements.json" tests/lab/devices <<'PY'
import glob, json, os, sys
report = json.load(open(sys.argv[1]))
placements = json.load(open(sys.argv[2]))
profiles = {}
for path in glob.glob(os.path.join(sys.argv[3], "**", "*.json"), recursive=True):
    p = json.load(open(path))
    profiles[p["id"]] = p
devices = {d["ip"]: d for d in report["devices"]}
rows = []
for place in placements:
    truth = profiles.get(place["id"], {}).get("truth", {})
    if not truth or truth.get("hostile") or truth.get("forged"):  # adversarial, not devices to name
        continue
    d = devices.get(place["address"], {})
    want = "" if truth.get("vendor") == "none" else truth.get("vendor", "")
    status = d.get("compliance", {}).get("status", "absent")
    rows.append((place["id"], want, d.get("vendor", ""), truth.get("banned"), status, bool(truth.get("awaits"))))

def pct(a, b): return f"{100.0 * a / b:.1f}% ({a}/{b})" if b else "n/a (0/0)"
right = [r for r in rows if r[1] == r[2]]
ready = [r for r in rows if not r[5]]
print(f"vendor accuracy: {pct(len(right), len(rows))}; "
      f"without profiles awaiting a probe: {pct(sum(r[1] == r[2] for r in ready), len(ready))}")
banned = [r for r in rows if r[3] is True]
for label, flagged in (("prohibited", {"prohibited"}), ("prohibited or review", {"prohibited", "review"})):
    hits = [r for r in rows if r[4] in flagged]
    tp = sum(r[3] is True for r in hits)
    ok = sum(r[3] in (True, "either") for r in hits)
    print(f"banned recall ({label}): {pct(sum(r[4] in flagged for r in banned), len(banned))}; "
          f"precision: {pct(ok, len(hits))} (strict, 'either' counted wrong: {pct(tp, len(hits))})")
wrong = [r for r in rows if r[1] != r[2]]
for r in sorted(wrong):
    print(f"  miss {r[0]}: truth {r[1] or '-'}, found {r[2] or '-'}, status {r[4]}{' (awaits a probe)' if r[5] else ''}")
PY
