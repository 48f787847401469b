#!/usr/bin/env bash
# Benchmark (root): camaudit's connect sweep rate as a share of the connect ceiling, a minimal
# non-blocking connect loop on epoll (bench/epoll_connect.cpp), both sweeping the same silent
# range at the same rate cap in the same run. The range is routed to a peer namespace that
# drops it (no forwarding, and an nft drop rule when nft is installed, as bench/silent_network.sh
# builds it), so every connect waits out its timeout, as on a sparse routed network. camaudit's
# sweep is its host discovery (six ports per address, the window rate x timeout). No packet
# leaves the namespaces (198.18.0.0/15, RFC 2544). Goal (issue 13): at least half.
# With masscan installed, bench/syn_sweep.sh then prints the SYN sweep against masscan.
# Usage: sudo bench/connect_ceiling.sh [RANGE_PREFIX_LENGTH] [RATE]   (default /18 at 5000/s)
set -euo pipefail
prefix=${1:-18} rate=${2:-5000}
build=${BUILD_DIR:-build}
camaudit=$build/camaudit epoll=$build/bench/epoll_connect
[ "$(id -u)" = 0 ] || { echo "connect_ceiling.sh: needs root (network namespaces)" >&2; exit 2; }
[ -x "$epoll" ] || { echo "connect_ceiling.sh: build it first: ninja -C $build camaudit epoll_connect" >&2; exit 2; }
range=198.18.64.0/$prefix first=198.18.64.0 count=$((1 << (32 - prefix)))
ports=80,443,554,8000,37777,4100 timeout_ms=1500
scanner=camaudit-ceil-s$$ peer=camaudit-ceil-h$$ out=$(mktemp -d)
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
cleanup() { ip netns del "$scanner" 2>/dev/null || true; ip netns del "$peer" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT
ip netns add "$scanner"; ip netns add "$peer"
ip -n "$scanner" link add sv0 type veth peer name hv0 netns "$peer"
ip -n "$scanner" link set lo up; ip -n "$scanner" link set sv0 up
ip -n "$peer" link set lo up; ip -n "$peer" link set hv0 up
ip -n "$scanner" addr add 198.18.6.1/24 dev sv0
ip -n "$peer" addr add 198.18.6.2/24 dev hv0
ip -n "$scanner" route add "$range" via 198.18.6.2
if command -v nft >/dev/null; then
  ip netns exec "$peer" nft add table ip ceiling
  ip netns exec "$peer" nft add chain ip ceiling in '{ type filter hook prerouting priority -300; }'
  ip netns exec "$peer" nft add rule ip ceiling in ip daddr "$range" drop
fi
window=$(python3 -c "print(int($rate * $timeout_ms / 1000) + 1)")  # the connects a silent range holds at this rate

read -r e_sent e_seconds _ < <(ip netns exec "$scanner" "$epoll" "$first" "$count" "$ports" "$rate" "$timeout_ms" "$window")
start=$(date +%s.%N)
ip netns exec "$scanner" "$camaudit" scan "$range" --allow-large --rate "$rate" --timeout ${timeout_ms}ms --seed 1 \
  --quiet --no-progress --out "$out/r.json" >/dev/null 2>&1 || true
end=$(date +%s.%N)
c_seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
c_sent=$((count * 6))

printf '%-34s %10s %9s %10s %7s\n' sweep probes seconds probes/s share
row() { python3 -c "r=$2/$3; print(f'%-34s %10d %9.2f %10.0f %6.0f%%' % ('$1', $2, $3, r, 100*r/($4)))"; }
e_rate=$(python3 -c "print($e_sent / $e_seconds)")
row "epoll connect loop (ceiling)" "$e_sent" "$e_seconds" "$e_rate"
row "camaudit connect sweep (discovery)" "$c_sent" "$c_seconds" "$e_rate"
echo "range $range ($count addresses x 6 ports), rate cap $rate/s, timeout ${timeout_ms} ms, all silent"
if command -v masscan >/dev/null && [ -x "$(dirname "$0")/syn_sweep.sh" ]; then
  echo; echo "SYN sweep against masscan (bench/syn_sweep.sh):"
  "$(dirname "$0")/syn_sweep.sh" || true
fi
