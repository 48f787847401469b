#!/usr/bin/env bash
# Benchmarks 1, 2, 4 and 6 of issue 13: camaudit's full audit (`camaudit scan` with default
# options) against `nmap -sT -sV` (nmap's default host discovery) on the sparse lab, where
# about 1 % of a /16 (or a /22) holds devices of the lab's profiles with their vendor MACs and
# the rest is silent; both runs in the same lab, scored against its truth. Prints one table.
# Usage: sudo bench/sparse_audit.sh [--size 16|22] [--variant l2|routed] [--quick] [--limit SECONDS]
#   --variant  l2: one layer-2 segment (unassigned addresses leave ARP unanswered);
#              routed: behind a router namespace whose nftables drops them. Default: both.
#   --quick    caps every tool run at --limit (default 300 s) and skips the run at the
#              highest rate; without it nothing is capped (a /16 takes hours with a slow engine).
# Environment: BUILD_DIR (default build), DENSITY (default 0.01), SEED (the placement, default 1).
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/.."
build=${BUILD_DIR:-build}
camaudit=$PWD/$build/camaudit
lab=$PWD/$build/tests/lab/camaudit-lab

# One tool run inside the lab's scanner namespace: wall time and peak RSS (GNU time) into
# NAME.time, output into NAME.out/.err. A tool's own failure is recorded, not fatal.
measured() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || true
}

# Runs in the scanner's namespace (camaudit-lab ... -- "$0" --inside DIR LIMIT QUICK).
if [ "${1:-}" = --inside ]; then
  dir=$2 limit=$3 quick=$4 range=$(cat "$2/range")
  cap_camaudit=() cap_nmap=()
  if [ "$limit" != 0 ]; then
    cap_camaudit=(--max-duration "${limit}s")
    cap_nmap=(timeout --signal=TERM "$limit")
  fi
  measured camaudit "$camaudit" scan "$range" --no-progress --out "$dir/camaudit.json" "${cap_camaudit[@]}"
  # As root the default run above is the SYN sweep; the connect sweep (what an unprivileged
  # user gets) beside it, in the same lab and run.
  measured connect "$camaudit" scan "$range" --connect --no-progress --out "$dir/connect.json" "${cap_camaudit[@]}"
  # -n: no reverse DNS (there is no resolver in the lab, and camaudit does none either).
  measured nmap "${cap_nmap[@]}" nmap -sT -sV -n -oX "$dir/nmap.xml" "$range"
  if [ "$quick" = 0 ]; then
    max_rate=$(cat "$dir/max_rate")
    measured fast "$camaudit" scan "$range" --rate "$max_rate" --no-progress --out "$dir/fast.json" "${cap_camaudit[@]}"
  fi
  exit 0
fi

size=16 variants=(l2 routed) quick=0 limit=
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --variant) variants=("$2"); shift 2 ;;
    --quick) quick=1; shift ;;
    --limit) limit=$2; shift 2 ;;
    *) echo "usage: $0 [--size 16|22] [--variant l2|routed] [--quick] [--limit SECONDS]" >&2; exit 2 ;;
  esac
done
case $size in 16|22) ;; *) echo "sparse_audit: --size must be 16 or 22" >&2; exit 2 ;; esac
for variant in "${variants[@]}"; do
  case $variant in l2|routed) ;; *) echo "sparse_audit: --variant must be l2 or routed" >&2; exit 2 ;; esac
done
[ "$(id -u)" -eq 0 ] || { echo "sparse_audit: needs root (the lab builds network namespaces)" >&2; exit 3; }
for tool in nmap nft python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "sparse_audit: $tool is missing; run scripts/install-deps" >&2; exit 3; }
done
[ -x "$camaudit" ] && [ -x "$lab" ] || scripts/build >/dev/null
[ "$quick" = 1 ] && limit=${limit:-300}
limit=${limit:-0}

work=$(mktemp -d)
chmod 755 "$work"  # as root camaudit drops to another account, which must reach (and write) it
trap 'rm -rf "$work"' EXIT
range=10.77.0.0/$size
bridge=10.77.0.1  # the scanner's own address (l2) or the router's (routed): not a device
# The highest --rate camaudit accepts, from its own refusal "(LOW-HIGH)".
max_rate=$("$camaudit" scan --rate 1e300 127.0.0.1 2>&1 | sed -n 's/.*(\([0-9.]*\)-\([0-9.]*\)).*/\2/p' | head -1 || true)
runs=$work/runs.ndjson
: >"$runs"

# One lab per variant; every tool runs in it, one after the other.
for variant in "${variants[@]}"; do
  dir=$work/$variant
  mkdir -p "$dir"
  chmod 777 "$dir"
  echo "$range" >"$dir/range"
  echo "${max_rate:-1000000}" >"$dir/max_rate"
  layout=()
  [ "$variant" = routed ] && layout=(--routed)
  sparse=(--segment --sparse "$range" --density "${DENSITY:-0.01}" --seed "${SEED:-1}" "${layout[@]}")
  "$lab" "${sparse[@]}" --list >"$dir/placement.json"
  echo "sparse_audit: $variant, $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
    "$dir/placement.json") devices in $range, limit ${limit}s per run" >&2
  "$lab" "${sparse[@]}" -- "$self" --inside "$dir" "$limit" "$quick" 2>"$dir/lab.err" ||
    { echo "sparse_audit: the lab failed:" >&2; tail -5 "$dir/lab.err" >&2; exit 1; }
  grep -h "ready in" "$dir/lab.err" >&2 || true
  for name in camaudit connect nmap fast; do
    [ -f "$dir/$name.time" ] || continue
    tool=camaudit result=$dir/$name.json label=camaudit
    [ "$name" = nmap ] && tool=nmap result=$dir/nmap.xml label="nmap -sT -sV"
    [ "$name" = connect ] && label="camaudit --connect"
    [ "$name" = fast ] && label="camaudit --rate ${max_rate:-1000000}"
    read -r wall rss < <(tail -1 "$dir/$name.time")
    grep -q "exited with non-zero status\|terminated by signal" "$dir/$name.time" &&
      echo "sparse_audit: $label: $(head -1 "$dir/$name.time"); its stderr ends: $(tail -2 "$dir/$name.err" | tr '\n' ' ')" >&2
    python3 bench/sparse_score.py "$tool" "$dir/placement.json" "$result" --ignore "$bridge" |
      python3 -c 'import json,sys; r=json.load(sys.stdin); r.update(variant=sys.argv[1], tool=sys.argv[2],
wall_s=float(sys.argv[3]), rss_kib=int(sys.argv[4]), limit_s=int(sys.argv[5])); print(json.dumps(r))' \
        "$variant" "$label" "$wall" "$rss" "$limit" >>"$runs"
  done
done

echo
echo "Sparse audit, 10.77.0.0/$size, density ${DENSITY:-0.01}, $(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/sparse_score.py table "$runs"

# Benchmark 4's second row: a /8 walk that sends nothing, in an empty namespace to be sure.
if "$camaudit" scan --help 2>/dev/null | grep -q -- '--dry-run'; then
  /usr/bin/time -f "%e %M" -o "$work/dry.time" unshare --net "$camaudit" scan 10.0.0.0/8 --allow-large --dry-run \
    --out "$work/dry.json" >/dev/null 2>&1 || true
  read -r wall rss < <(tail -1 "$work/dry.time")
  echo "camaudit scan 10.0.0.0/8 --dry-run: peak RSS $((rss / 1024)) MiB, ${wall} s"
else
  echo "camaudit scan 10.0.0.0/8 --dry-run: skipped (this camaudit has no --dry-run)"
fi
