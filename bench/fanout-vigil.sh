#!/usr/bin/env bash
# Measures Vigil with the shared fan-out harness (../shared/bench/fanout.mjs), the same cases and flags
# as the peers in RESULTS-peers.md: the deployment webhook in (ingest-service), /ws/monitor out
# (monitor-gateway). CPU counts the launcher and all its children: broker and the four services.
# usage: bench/fanout-vigil.sh [CASE…]   cases: V-100 (100 clients, 200 ev/s), V-1000 (1000 clients, 100 ev/s), V-100-r20 (100 clients, 20 ev/s)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
harness="${VIGIL_BENCH_HARNESS:-$here/../../shared/bench}"
[[ -f "$harness/fanout.mjs" ]] || { echo "fanout.mjs not found in $harness (set VIGIL_BENCH_HARNESS)" >&2; exit 1; }
source "$here/stack.sh"
mkdir -p "$here/results"
cases=("${@:-V-100 V-1000}")

for case in ${cases[@]}; do
  case "$case" in
    V-100) clients=100; rate=200 ;;
    V-1000) clients=1000; rate=100 ;;
    V-100-r20) clients=100; rate=20 ;;
    *) echo "unknown case $case" >&2; exit 2 ;;
  esac
  stack_up
  node "$harness/fanout.mjs" --ws "ws://127.0.0.1:$gateway_port/ws/monitor" --clients "$clients" \
    --http "http://127.0.0.1:$ingest_port/api/webhook/deployment" --template "$here/deployment-webhook.json" \
    --rate "$rate" --duration 10 --warmup 2 --drain 10 --cpu-pids "$(stack_pid)" \
    --label "$case" --json "$here/results/$case.json" >/dev/null
  stack_down
done
node "$harness/summarize.mjs" "$here"/results/V-*.json
