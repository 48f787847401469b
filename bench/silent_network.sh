#!/usr/bin/env bash
# Benchmark (root): a default scan of a network where almost every address is silent, as the
# old engine met it. Two namespaces joined by a veth, two web servers, the rest of the range
# empty; "arp" leaves the range on-link (ARP goes unanswered), "routed" routes it to the peer,
# which drops what is not its own (no forwarding, and an nft drop rule when nft is installed).
# Each BINARY scans each RANGE in the same run; prints wall time, devices, and the ratio to
# the first binary. No packet leaves the namespaces (198.18.0.0/15, RFC 2544).
# Usage: sudo bench/silent_network.sh [RANGE...] -- BINARY...
#   e.g. sudo bench/silent_network.sh 198.18.7.0/28 198.18.7.0/24 -- ../main/build/camaudit build/camaudit
set -euo pipefail
ranges=() binaries=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do ranges+=("$1"); shift; done
[ $# -gt 0 ] && shift
binaries=("$@")
[ ${#ranges[@]} -gt 0 ] || ranges=(198.18.7.0/28 198.18.7.0/24)
[ ${#binaries[@]} -gt 0 ] || binaries=("${BUILD_DIR:-build}/camaudit")
[ "$(id -u)" = 0 ] || { echo "silent_network.sh: needs root (network namespaces)" >&2; exit 2; }
scanner=camaudit-bench-s$$ hosts=camaudit-bench-h$$ out=$(mktemp -d) pids=()
chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  ip netns del "$scanner" 2>/dev/null || true; ip netns del "$hosts" 2>/dev/null || true; rm -rf "$out"
}
trap cleanup EXIT

build() {  # $1: arp | routed
  cleanup; pids=(); out=$(mktemp -d)
  chmod 777 "$out"  # as root camaudit drops to another account, which must reach (and write) it
  ip netns add "$scanner"; ip netns add "$hosts"
  ip -n "$scanner" link add sv0 type veth peer name hv0 netns "$hosts"
  ip -n "$scanner" link set lo up; ip -n "$scanner" link set sv0 up
  ip -n "$hosts" link set lo up; ip -n "$hosts" link set hv0 up
  if [ "$1" = arp ]; then
    ip -n "$scanner" addr add 198.18.6.1/23 dev sv0
    for a in 198.18.7.10 198.18.7.20; do ip -n "$hosts" addr add $a/23 dev hv0; done
  else
    ip -n "$scanner" addr add 198.18.6.1/24 dev sv0
    ip -n "$hosts" addr add 198.18.6.2/24 dev hv0
    for a in 198.18.7.10 198.18.7.20; do ip -n "$hosts" addr add $a/32 dev hv0; done
    ip -n "$scanner" route add 198.18.7.0/24 via 198.18.6.2
    if command -v nft >/dev/null; then
      ip netns exec "$hosts" nft -f - <<'NFT'
table ip silent {
  chain in {
    type filter hook prerouting priority -300;
    ip daddr 198.18.7.0/24 ip daddr != { 198.18.7.10, 198.18.7.20 } drop
  }
}
NFT
    fi
  fi
  for a in 198.18.7.10 198.18.7.20; do
    pids+=("$(ip netns exec "$hosts" sh -c "/usr/bin/python3 -m http.server 80 --bind $a >/dev/null 2>&1 & echo \$!")")
  done
  sleep 1
}

printf '%-8s %-16s %-40s %8s %8s %7s\n' network range binary seconds devices ratio
for network in arp routed; do
  build "$network"
  for range in "${ranges[@]}"; do
    first=""
    for binary in "${binaries[@]}"; do
      start=$(date +%s.%N)
      ip netns exec "$scanner" "$binary" scan "$range" --quiet --no-progress --out "$out/r.json" >/dev/null 2>&1 || true
      end=$(date +%s.%N)
      seconds=$(python3 -c "print(f'{$end - $start:.2f}')")
      devices=$(python3 -c "import json; print(len(json.load(open('$out/r.json'))['devices']))")
      [ -n "$first" ] || first=$seconds
      ratio=$(python3 -c "print(f'{$first / $seconds:.1f}x')")
      printf '%-8s %-16s %-40s %8s %8s %7s\n' "$network" "$range" "$binary" "$seconds" "$devices" "$ratio"
    done
  done
done
