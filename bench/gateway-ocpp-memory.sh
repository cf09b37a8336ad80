#!/usr/bin/env bash
# The whole gateway's memory with N connected OCPP stations: a node, `openvpp gateway --config` with N configured
# chargers (every one metered into signed readings), and the load generator of `openvpp bench ocpp` in a third
# process connecting N stations, booting them, then sending MeterValues. Prints one JSON line of figures.
#   bench/gateway-ocpp-memory.sh [STATIONS=1000] [MESSAGES=100000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stations="${1:-1000}"; messages="${2:-100000}"
# ./openvpp builds the CLI into .build/cli when its sources changed; then run that build directly.
( cd "$root" && ./openvpp --help >/dev/null )
cli="$root/.build/cli/openvpp"
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
node_port="$(free_port)"; ocpp_port="$(free_port)"
{
  printf 'gateway:\n  node: http://127.0.0.1:%s\n  interval: 1m\n  region: NL-NH\n  data: %s/gateway\nocpp:\n  port: %s\nmqtt:\n  publish: false\ndevices:\n' "$node_port" "$work" "$ocpp_port"
  for ((i = 0; i < stations; i++)); do printf '  - { name: bench/ev-%05d, adapter: ocpp, station_id: BENCH-%05d, nameplate_w: 22000 }\n' "$i" "$i"; done
} > "$work/gateway.yaml"
"$cli" node --data "$work/node" --url "http://127.0.0.1:$node_port" > "$work/node.log" 2>&1 &
"$cli" gateway --config "$work/gateway.yaml" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
rss() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$gateway_pid/status"; }
hwm() { awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$gateway_pid/status"; }
for _ in $(seq 1 120); do grep -q "OCPP CSMS listening" "$work/gateway.log" && break; sleep 0.5; done
grep -q "OCPP CSMS listening" "$work/gateway.log" || { echo "gateway did not start; see its log:" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }
sleep 2
rss_no_stations="$(rss)"
coproc LOADGEN { "$cli" bench ocpp-loadgen --url "ws://127.0.0.1:$ocpp_port/ocpp" --stations "$stations" --messages "$messages"; }
read -r line <&"${LOADGEN[0]}"; [ "$line" = ready ] || { echo "load generator: $line" >&2; exit 1; }
sleep 3
rss_idle="$(rss)"
start=$(date +%s.%N)
echo go >&"${LOADGEN[1]}"
report="$(cat <&"${LOADGEN[0]}")"
elapsed=$(python3 -c "import time; print(round(time.time() - $start, 2))")
rss_after="$(rss)"; peak="$(hwm)"
stored="$(curl -s "http://127.0.0.1:$node_port/v1/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stored"]["devices"])')"
printf '{"stations":%s,"messages":%s,"loadgen":%s,"elapsed_s":%s,"gateway_rss_no_stations_mb":%s,"gateway_rss_stations_idle_mb":%s,"gateway_rss_after_mb":%s,"gateway_peak_rss_mb":%s,"devices_registered_at_node":%s}\n' \
  "$stations" "$messages" "${report:-null}" "$elapsed" "$rss_no_stations" "$rss_idle" "$rss_after" "$peak" "$stored"
