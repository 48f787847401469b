#!/usr/bin/env bash
# Benchmark (issue 13, sweep ceiling): camaudit's SYN sweep against masscan on the same /16
# and port at the same rate caps, in two network namespaces this script makes (a veth pair;
# the target side answers every address of 198.18.0.0/16 with a SYN-ACK), so no packet leaves
# the machine. Prints one table: each tool's probes per second of wall time, and the ratio.
# Usage: bench/syn_sweep.sh   (root; RATES="20000 100000" and BUILD_DIR override the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
rates=${RATES:-20000 100000}
prefix=198.18.0.0/16
addresses=65536
port=80
wait_s=1
[ "$(id -u)" = 0 ] || { echo "syn_sweep.sh: needs root (network namespaces, raw sockets)" >&2; exit 2; }
command -v masscan >/dev/null || { echo "syn_sweep.sh: masscan missing (scripts/install-deps)" >&2; exit 2; }
[ -x "$build/bench/syn_sweep_rate" ] || cmake --build "$build" --target syn_sweep_rate >/dev/null

scanner=camsyn-bench-s$$
target=camsyn-bench-t$$
out=$(mktemp -d)
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
listener=""
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null || true
  ip netns delete "$scanner" 2>/dev/null || true
  ip netns delete "$target" 2>/dev/null || true
  [ -n "${KEEP_SAMPLES:-}" ] && cp -r "$out" "$KEEP_SAMPLES"; rm -rf "$out"
}
trap cleanup EXIT
ip netns add "$scanner"
ip netns add "$target"
ip -n "$scanner" link add synb0 type veth peer name synb1 netns "$target"
ip -n "$scanner" addr add 198.19.255.2/30 dev synb0
ip -n "$target" addr add 198.19.255.1/30 dev synb1
for ns in "$scanner" "$target"; do ip -n "$ns" link set lo up; done
ip -n "$scanner" link set synb0 up
ip -n "$target" link set synb1 up
ip -n "$scanner" route add "$prefix" via 198.19.255.1
# Every address of the prefix is local to the target, and one listener answers them all.
ip -n "$target" route add local "$prefix" dev lo
ip netns exec "$target" python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', $port)); s.listen(65535); time.sleep(3600)" &
listener=$!
router_mac=$(ip -n "$target" -o link show synb1 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
sleep 0.5

# The rate is read on the wire, the same way for both tools: an nft counter of the SYNs the
# target receives, sampled every 20 ms; rate = SYNs / (time of the last one - time of the first).
# (Wall time would be unfair: masscan's exit often hangs for seconds after its --wait.)
ip netns exec "$target" nft -f - <<'NFT'
table ip bench {
  counter syns {}
  chain input { type filter hook input priority 0; policy accept; tcp flags & (syn | ack) == syn counter name syns; }
}
NFT
sample_syns() {  # prints "seconds packets" lines until $out/stop exists
  ip netns exec "$target" python3 -c '
import json, os, subprocess, sys, time
stop = sys.argv[1]
while not os.path.exists(stop):
    out = subprocess.run(["nft", "-j", "list", "counter", "ip", "bench", "syns"], capture_output=True, text=True).stdout
    packets = next(i["counter"]["packets"] for i in json.loads(out)["nftables"] if "counter" in i)
    print(f"{time.monotonic():.4f} {packets}", flush=True)
    time.sleep(0.02)' "$out/stop"
}
wire_rate() {  # SAMPLES: SYNs per second between the first and the last new SYN
  python3 - "$1" <<'PY'
import sys
samples = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
base = samples[0][1]
first = next(t for t, n in samples if n > base)
final = samples[-1][1]
last = next(t for t, n in samples if n == final)
print(f"{(final - base) / max(last - first, 0.02):.0f} {int(final - base)}")
PY
}
measure() {  # NAME COMMAND...: runs COMMAND (its output to $out/NAME.txt) while sampling;
              # leaves "rate syns" in $out/NAME.rate
  local name=$1; shift
  rm -f "$out/stop" "$out/$name.samples"
  ip netns exec "$target" nft reset counter ip bench syns >/dev/null
  sample_syns >"$out/$name.samples" &
  local sampler=$!
  until [ -s "$out/$name.samples" ]; do sleep 0.05; done  # the baseline is read before the first SYN
  sleep 0.1
  "$@" >"$out/$name.txt" 2>/dev/null || true
  sleep 0.2
  touch "$out/stop"
  wait "$sampler"
  wire_rate "$out/$name.samples" >"$out/$name.rate"
}

rows=()
for rate in $rates; do
  measure camaudit ip netns exec "$scanner" "$build/bench/syn_sweep_rate" "$prefix" "$port" "$rate" $((wait_s * 1000))
  read -r c_rate c_syns <"$out/camaudit.rate"
  camaudit_open=$(awk '{print $4}' "$out/camaudit.txt")
  measure masscan timeout 30 ip netns exec "$scanner" masscan "$prefix" -p"$port" --rate "$rate" \
    --wait "$wait_s" --adapter synb0 --adapter-ip 198.19.255.2 --router-mac "$router_mac" -oL "$out/masscan.list"
  read -r m_rate m_syns <"$out/masscan.rate"
  masscan_open=$(grep -c '^open' "$out/masscan.list" || true)
  rows+=("$rate $c_rate $c_syns $camaudit_open $m_rate $m_syns $masscan_open")
done

python3 - "$addresses" "${rows[@]}" <<'PY'
import sys
addresses = int(sys.argv[1])
print(f"SYN sweep of 198.18.0.0/16 port 80 ({addresses} addresses, every one answers with a SYN-ACK)")
print("| rate cap (pps) | camaudit syn (pps) | masscan (pps) | camaudit / masscan | SYNs seen: camaudit / masscan | open found: camaudit / masscan |")
print("| --- | --- | --- | --- | --- | --- |")
for row in sys.argv[2:]:
    rate, c_rate, c_syns, c_open, m_rate, m_syns, m_open = row.split()
    print(f"| {int(rate):,} | {int(c_rate):,} | {int(m_rate):,} | {int(c_rate) / max(int(m_rate), 1):.2f} | {c_syns} / {m_syns} | {c_open} / {m_open} |")
print("pps: SYNs counted by nft on the target, over the time between the first and the last one.")
PY
