#!/usr/bin/env bash
# Benchmark: offline decoding speed of `camaudit passive --read` on one core, over a generated
# capture mixed like a camera LAN (bench/passive_capture.cpp), beside `tcpdump -r FILE -w
# /dev/null` (the floor: read and write, no decoding) and `tshark -r` extracting the same
# fields (when installed). Goal: >= 2,000,000 packets/s.
# passive_speed (built at -O2 in any build type) times the decoding loop alone.
# Usage: bench/passive_read.sh [PACKETS] [pcap|pcapng]   (default 3000000 pcap)
# BUILD_DIR selects the build folder holding camaudit and bench/passive_capture; TSHARK=0
# skips tshark (slow: minutes for a few million packets); CORE picks the core (default 0).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
packets=${1:-3000000}
format=${2:-pcap}
[ -x "$build/camaudit" ] && [ -x "$build/bench/passive_capture" ] && [ -x "$build/bench/passive_speed" ] ||
  cmake --build "$build" --target camaudit passive_capture passive_speed -j2 >/dev/null
out=$(mktemp -d)
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
trap 'rm -rf "$out"' EXIT
capture="$out/lan.$format"
"$build/bench/passive_capture" "$capture" "$packets" "$format" >/dev/null
size_mib=$(( $(stat -c %s "$capture") / 1048576 ))
cat "$capture" >/dev/null  # warm the page cache: every tool reads from memory

rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / max(float(sys.argv[2]), 1e-9):,.0f}')" "$packets" "$1"; }
# On a shared machine wall time includes waiting for a core; CPU time (user + sys, pinned to
# one core) is the one-core figure. Both are printed.
run_timed() {  # prints "wall cpu peak_kib"
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" taskset -c "${CORE:-0}" "$@" >/dev/null 2>"$out/err" || true
  tail -n 1 "$out/time" | awk '{print $1, $2 + $3, $4}'
}
show() {  # name wall cpu kib
  printf '%-34s wall %7s s %12s p/s   CPU %7s s %12s p/s   peak %7.1f MiB\n' "$1" "$2" "$(rate "$2")" "$3" "$(rate "$3")" \
    "$(echo "$4/1024" | bc -l)"
}

echo "capture: $packets packets, $size_mib MiB ($format, Ethernet; ~90% RTP video)"
read -r s c kib < <(run_timed "$build/camaudit" passive --read "$capture" --out "$out/r.json" --quiet --no-progress)
python3 - "$out/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
st = r["scan"]["capture_stats"]
print("camaudit stats: " + ", ".join(f"{k} {v}" for k, v in st.items() if k in ("packets", "malformed") or k.startswith("decoded.")))
print(f"camaudit devices: {r['summary']['devices']}")
PY
show "camaudit passive --read (whole run)" "$s" "$c" "$kib"
# The decoding loop alone (no start-up, no identification), built at -O2 whatever the build type.
taskset -c "${CORE:-0}" "$build/bench/passive_speed" "$capture" || true
if command -v tcpdump >/dev/null; then
  read -r s c kib < <(run_timed tcpdump -r "$capture" -w /dev/null)
  show "tcpdump -r -w /dev/null" "$s" "$c" "$kib"
else
  echo "tcpdump: not installed (apt-get install tcpdump)"
fi
if [ "${TSHARK:-1}" != 0 ] && command -v tshark >/dev/null; then
  read -r s c kib < <(run_timed tshark -r "$capture" -T fields -e eth.src -e arp.src.proto_ipv4 -e dhcp.option.hostname \
    -e dhcp.option.vendor_class_id -e http.server -e rtsp.response)
  show "tshark -r -T fields (same fields)" "$s" "$c" "$kib"
else
  [ "${TSHARK:-1}" = 0 ] && echo "tshark: skipped (TSHARK=0)" || echo "tshark: not installed (apt-get install tshark)"
fi
