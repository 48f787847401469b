#!/usr/bin/env bash
# Benchmark (root): adaptive timing on live hosts whose firewall drops most ports, the typical
# camera (3 ports open, the other 27 of the default table dropped by nft). Two namespaces
# joined by a veth, HOSTS web servers on 198.18.7.10 upward, each on ports 80, 554 and 8000.
# Each mode scans the same hosts in the same run: before = --no-adaptive-timing (--timeout
# waited out and retried on every dropped port), after = the default (the learned timeout,
# retries only on hosts that show loss); as root and without CAP_NET_RAW (the connect sweep).
# Prints wall time, devices, open ports, the learned timeout, probes sent, and the speed of
# each row as a ratio to its "before" row. No packet leaves the namespaces (RFC 2544 range).
# Usage: sudo bench/rtt.sh [HOSTS] [BINARY]   e.g. sudo bench/rtt.sh 8 build/camaudit
set -euo pipefail
hosts_count=${1:-8}
binary=${2:-${BUILD_DIR:-build}/camaudit}
[ "$(id -u)" = 0 ] || { echo "rtt.sh: needs root (network namespaces, nft)" >&2; exit 2; }
command -v nft >/dev/null || { echo "rtt.sh: needs nft (apt-get install nftables)" >&2; exit 2; }
scanner=camaudit-rtt-s$$ hosts=camaudit-rtt-h$$ out=$(mktemp -d) server_pid=""
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  ip netns del "$scanner" 2>/dev/null || true; ip netns del "$hosts" 2>/dev/null || true; rm -rf "$out"
}
trap cleanup EXIT

addresses=()
for i in $(seq 0 $((hosts_count - 1))); do addresses+=("198.18.7.$((10 + i))"); done
ip netns add "$scanner"; ip netns add "$hosts"
ip -n "$scanner" link add sv0 type veth peer name hv0 netns "$hosts"
ip -n "$scanner" addr add 198.18.6.1/23 dev sv0
ip -n "$scanner" link set lo up; ip -n "$scanner" link set sv0 up
ip -n "$hosts" link set lo up; ip -n "$hosts" link set hv0 up
for a in "${addresses[@]}"; do ip -n "$hosts" addr add "$a/23" dev hv0; done
ip netns exec "$hosts" nft -f - <<'NFT'
table ip camera_filter {
  chain in {
    type filter hook input priority 0;
    tcp dport != { 80, 554, 8000 } drop
  }
}
NFT
# One process serves every (address, port): a threaded HTTP server each.
ip netns exec "$hosts" /usr/bin/python3 - "${addresses[@]}" >/dev/null 2>&1 <<'PY' &
import http.server, sys, threading
servers = [http.server.ThreadingHTTPServer((a, p), http.server.SimpleHTTPRequestHandler)
           for a in sys.argv[1:] for p in (80, 554, 8000)]
for s in servers: threading.Thread(target=s.serve_forever, daemon=True).start()
threading.Event().wait()
PY
server_pid=$!
for _ in $(seq 50); do
  [ "$(ip netns exec "$hosts" ss -ltn | grep -c LISTEN)" -ge $((hosts_count * 3)) ] && break; sleep 0.1
done
range="${addresses[0]}-$(echo "${addresses[-1]}" | cut -d. -f4)"

printf '%-8s %-22s %8s %8s %6s %11s %6s %7s\n' sweep mode seconds devices open learned_ms sent ratio
for sweep in default connect; do
  prefix=""; [ "$sweep" = connect ] && prefix="setpriv --bounding-set -net_raw --inh-caps -net_raw"
  before=""
  for mode in --no-adaptive-timing adaptive; do
    flags=""; [ "$mode" = adaptive ] || flags=$mode
    start=$(date +%s.%N)
    ip netns exec "$scanner" $prefix "$binary" scan "$range" $flags --quiet --no-progress --out "$out/r.json" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    read -r seconds devices open learned sent < <(python3 - "$out/r.json" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); o = r["scan"]["options"]
print(f"{float(sys.argv[3]) - float(sys.argv[2]):.2f}", len(r["devices"]),
      sum(len(d["open_ports"]) for d in r["devices"]), o.get("timeout_learned_ms", "-"), o.get("probes_sent", "-"))
PY
)
    [ -n "$before" ] || before=$seconds
    ratio=$(python3 -c "print(f'{$before / $seconds:.2f}x')")
    printf '%-8s %-22s %8s %8s %6s %11s %6s %7s\n' "$sweep" "$mode" "$seconds" "$devices" "$open" "$learned" "$sent" "$ratio"
  done
done
