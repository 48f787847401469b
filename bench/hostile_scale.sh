#!/usr/bin/env bash
# Benchmark: the hostile lab at scale. NORMAL copies of the normal lab profiles and HOSTILE copies
# of tests/lab/hostile/*.json (cycled, ids suffixed ".copyN") are placed from 127.0.1.1 and scanned
# in the lab's private network namespace. Checks: the scan ends within TIME_BOUND s, camaudit's
# peak RSS stays under MEMORY_BOUND_MIB, every normal device and copy is identified exactly as its
# original in a scan of the normal lab alone (vendor and compliance status), and every hostile device with a
# `behaviour` is recorded in `errors`. Prints the figures and a last line of JSON; exits 1 when a
# check fails. Usage: bench/hostile_scale.sh [NORMAL=500] [HOSTILE=100]
# CI runs the light variant (100 + 20) from tests/e2e/hostile_scale_test.cpp.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
camaudit=${CAMAUDIT_BIN:-$build/camaudit}
lab=${CAMAUDIT_LAB_BIN:-$build/tests/lab/camaudit-lab}
[ -x "$camaudit" ] || scripts/build >/dev/null
normal=${1:-500}
hostile=${2:-100}
time_bound=${TIME_BOUND:-300}
memory_bound_mib=${MEMORY_BOUND_MIB:-512}
ulimit -n 65536 2>/dev/null || true   # ~6 listeners per device in the lab
out=$(mktemp -d)
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
trap 'rm -rf "$out"' EXIT

python3 - "$out/devices" "$normal" "$hostile" <<'PY'
import json, pathlib, sys
target, normal, hostile = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
target.mkdir()
def copies(folder, count):
    profiles = [json.loads(p.read_text()) for p in sorted(pathlib.Path(folder).glob("*.json"))]
    for i in range(count):
        profile = dict(profiles[i % len(profiles)])
        if i >= len(profiles):
            profile["id"] = f"{profile['id']}.copy{i // len(profiles)}"
        (target / f"{profile['id']}.json").write_text(json.dumps(profile))
copies("tests/lab/devices", normal)
copies("tests/lab/hostile", hostile)
PY
# The baseline: the normal profiles alone, scanned the same way.
"$lab" --list >"$out/baseline-placement.json"
"$lab" -- "$camaudit" scan 127.0.1.0/24 --rate 20000 --seed 7 --quiet --no-progress \
  --out "$out/baseline.json" 2>/dev/null || true
devices=$((normal + hostile))
range=127.0.1.0/$(( devices < 250 ? 24 : devices < 1000 ? 22 : 20 ))
"$lab" --devices "$out/devices" --list >"$out/placement.json"
start=$(date +%s.%N)
"$lab" --devices "$out/devices" -- /usr/bin/time -f '%M' -o "$out/time" \
  "$camaudit" scan "$range" --rate 20000 --seed 7 --quiet --no-progress --out "$out/report.json" 2>"$out/stderr" || true
end=$(date +%s.%N)
python3 - "$out" "$start" "$end" "$normal" "$hostile" "$time_bound" "$memory_bound_mib" "$range" <<'PY'
import json, pathlib, re, sys
out = pathlib.Path(sys.argv[1])
wall = float(sys.argv[3]) - float(sys.argv[2])
normal, hostile, time_bound, memory_bound = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
peak_mib = int((out / "time").read_text().split()[-1]) / 1024
report = json.loads((out / "report.json").read_text())
address = {p["id"]: p["address"] for p in json.loads((out / "placement.json").read_text())}
profiles = {p.stem: json.loads(p.read_text()) for p in (out / "devices").glob("*.json")}
by_ip = {d["ip"]: d for d in report["devices"]}
errors_at = {}
for e in report["errors"]:
    errors_at.setdefault(e["target"].rsplit(":", 1)[0], []).append(e)
def verdict(ip, devices=by_ip):
    d = devices.get(ip)
    return None if d is None else (d.get("vendor", ""), d["compliance"]["status"])
baseline_by_ip = {d["ip"]: d for d in json.loads((out / "baseline.json").read_text())["devices"]}
baseline = {p["id"]: verdict(p["address"], baseline_by_ip)
            for p in json.loads((out / "baseline-placement.json").read_text())}
mismatches, unrecorded = [], []
for pid, profile in profiles.items():
    original = re.sub(r"\.copy[0-9]+$", "", pid)
    if profile.get("truth", {}).get("hostile"):
        if "behaviour" in profile and not errors_at.get(address[pid]):
            unrecorded.append(pid)
    elif verdict(address[pid]) != baseline[original]:
        mismatches.append(f"{pid}: {verdict(address[pid])}, alone {original}: {baseline[original]}")
checks = {
    "complete": report["scan"]["complete"],
    "time": wall < time_bound,
    "memory": peak_mib < memory_bound,
    "normal_identified_as_originals": not mismatches,
    "hostile_recorded": not unrecorded,
}
print(f"hostile lab {sys.argv[8]}: {normal} normal + {hostile} hostile devices, "
      f"{report['scan']['hosts_probed']} addresses, {report['summary']['devices']} devices reported, "
      f"{len(report['errors'])} errors")
print(f"wall {wall:.1f} s (bound {time_bound:.0f}), peak memory {peak_mib:.1f} MiB (bound {memory_bound})")
for line in mismatches[:20] + [f"not recorded: {p}" for p in unrecorded[:20]]:
    print("  " + line)
print(json.dumps({"wall_s": round(wall, 1), "peak_mib": round(peak_mib, 1), "normal": normal, "hostile": hostile,
                  "mismatches": len(mismatches), "unrecorded": len(unrecorded), "checks": checks}))
sys.exit(0 if all(checks.values()) else 1)
PY
