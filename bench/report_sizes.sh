#!/usr/bin/env bash
# Benchmark: the size of every report format for a lab of N devices (default 1,000): the
# lab's profiles are copied under new ids until there are N, served on 127.0.1.1 upward in
# the lab's private network namespace, scanned once, and each format written from that scan.
# Usage: bench/report_sizes.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
[ -x "$build/camaudit" ] || scripts/build >/dev/null
count=${1:-1000}
work=$(mktemp -d)
chmod 777 "$work"  # as root camaudit drops to another account, which must reach (and write) it
trap 'rm -rf "$work"' EXIT
python3 - tests/lab/devices "$work/devices" "$count" <<'PY'
import json, os, sys
source, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(target)
profiles = sorted(f for f in os.listdir(source) if f.endswith(".json"))
for i in range(count):
    doc = json.load(open(os.path.join(source, profiles[i % len(profiles)])))
    doc["id"] = f"{doc['id']}-{i:04d}"
    json.dump(doc, open(os.path.join(target, f"{i:04d}.json"), "w"))
PY
# Addresses 127.0.1.1 .. 127.0.1.N: the smallest CIDR from 127.0.0.0 that holds them.
prefix=32
while (( (1 << (32 - prefix)) < count + 256 + 1 )); do prefix=$((prefix - 1)); done
range="127.0.0.0/$prefix"
"$build/tests/lab/camaudit-lab" --devices "$work/devices" -- /usr/bin/time -f '%e %M' -o "$work/time" \
  "$build/camaudit" scan "$range" --exclude 127.0.0.0/24 --rate 20000 --concurrency 512 --quiet --no-progress \
  --out "$work/report.json" --html "$work/report.html" --csv "$work/devices.csv" --ndjson "$work/events.ndjson" \
  2>/dev/null || true
# The text report is --out's other format, so it takes a second scan of the same lab.
"$build/tests/lab/camaudit-lab" --devices "$work/devices" -- \
  "$build/camaudit" scan "$range" --exclude 127.0.0.0/24 --rate 20000 --concurrency 512 --quiet --no-progress \
  --format text --out "$work/report.txt" 2>/dev/null || true
read -r seconds peak_kib < <(tail -n 1 "$work/time")
python3 - "$work" "$seconds" "$peak_kib" <<'PY'
import json, os, sys
work = sys.argv[1]
report = json.load(open(os.path.join(work, "report.json")))
s = report["summary"]
print(f"{len(report['devices'])} devices ({s['cameras']} cameras, {s['prohibited']} prohibited) "
      f"from {report['scan']['targets'][0]} in {float(sys.argv[2]):.1f} s, peak {int(sys.argv[3]) / 1024:.0f} MiB")
for name in ["report.json", "events.ndjson", "devices.csv", "report.html", "report.txt"]:
    path = os.path.join(work, name)
    size = os.path.getsize(path) if os.path.exists(path) else 0
    print(f"  {name:14} {size / 1024:9.1f} KiB  {size / max(1, len(report['devices'])):7.0f} bytes/device")
PY
