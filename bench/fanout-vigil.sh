#!/usr/bin/env bash
# Measures Vigil with the shared fan-out harness (../shared/bench/fanout.mjs), the same flags as the peers in
# RESULTS-peers.md (1 s settle, 2 s warm-up, 10 s measured, up to 10 s drain), each case on a fresh throwaway
# stack (bench/stack.sh), loopback only. CPU counts the launcher and all its children: broker and four services.
#
# usage: bench/fanout-vigil.sh [CASE…]      (no argument: every case below but idle-10000)
#   HTTP mode, beside peers A and B: each event is a POST of the deployment webhook (bench/deployment-webhook.json)
#   to ingest-service, delivered to N clients of the gateway's /ws/monitor.
#     V-100-r20 (100 clients × 20 ev/s)  V-100 (100 × 200)  V-1000 (1,000 × 100)  V-1000-r200 (1,000 × 200)
#     V-5000 (5,000 × 50: fan-out throughput)  V-10000-r10 (10,000 × 10)
#   Log-file mode, beside peers C and D: each event is a line appended to a file that log-stream-service tails
#   (a configured source, task bench/app.log), delivered to N clients of /ws/monitor subscribed to log.lines.
#     L-10 (10 × 2,000 lines/s)  L-100 (100 × 200)  L-1000 (1,000 × 100)  L-1000-r50 (1,000 × 50)
#   idle-10000: the gateway's heap (after a full GC) before and with 10,000 idle /ws/monitor clients.
# Environment: VIGIL_BENCH_HARNESS (../shared/bench), BENCH_OUT (bench/results), VIGIL_JAVA_OPTS (passed to the
# services; this script adds -Xmx1g for the 5,000 and 10,000 client cases, whose send queues need more than the
# launcher's default 256 MiB heap).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
harness="${VIGIL_BENCH_HARNESS:-$here/../../shared/bench}"
[[ -f "$harness/fanout.mjs" ]] || { echo "fanout.mjs not found in $harness (set VIGIL_BENCH_HARNESS)" >&2; exit 1; }
out="${BENCH_OUT:-$here/results}"
source "$here/stack.sh"
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [[ $# -gt 0 ]]; then cases=("$@"); else
  cases=(V-100-r20 V-100 V-1000 V-1000-r200 V-5000 V-10000-r10 L-10 L-100 L-1000 L-1000-r50)
fi
base_java_opts="${VIGIL_JAVA_OPTS:-}"
# every connection comes from 127.0.0.1 here: the per-address limit would refuse most of them
export VIGIL_GATEWAY_MAX_CONNECTIONS_PER_ADDRESS=20000
export VIGIL_LOGS_LOG_ROOT="$data/run-output" VIGIL_LOGS_TASK_ROOT="$data/tasks"
export VIGIL_PIPELINE_RUN_WORK_DIR="$data/run-work" VIGIL_PIPELINE_RUN_OUTPUT_DIR="$data/run-output"
export VIGIL_LOGS_SOURCES_BENCH_ROOT="$data/bench-logs"
unset KAFKA_BOOTSTRAP_SERVERS # the stack's own embedded broker

gateway_pid() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pids"]["gateway"])' "$data/stack.json"; }
heap_used_kib() { # Java heap in use after a full GC, in KiB: the generations' "used", not Metaspace
  jcmd "$1" GC.run >/dev/null && sleep 1
  jcmd "$1" GC.heap_info | awk '/total/ && !/Metaspace|class space/ {for (i = 1; i <= NF; i++) if ($i == "used")
    {sub("K,?", "", $(i+1)); sum += $(i+1)}} END {print sum + 0}'
}

run_fanout() { # case clients rate source-args…
  local name="$1" clients="$2" rate="$3"; shift 3
  echo "=== $name: $clients clients, $rate ev/s"
  timeout 300 node "$harness/fanout.mjs" --clients "$clients" --rate "$rate" --duration 10 --warmup 2 --drain 10 \
    --connect-concurrency 200 --connect-timeout 120 --cpu-pids "$(stack_pid)" --label "$name" \
    --json "$out/$name.json" "$@" >/dev/null || echo "fanout.mjs ended with $?"
}

for case in "${cases[@]}"; do
  clients=0; rate=0; mode=http
  case "$case" in
    V-100-r20) clients=100; rate=20 ;;
    V-100) clients=100; rate=200 ;;
    V-1000) clients=1000; rate=100 ;;
    V-1000-r200) clients=1000; rate=200 ;;
    V-5000) clients=5000; rate=50 ;;
    V-10000-r10) clients=10000; rate=10 ;;
    L-10) clients=10; rate=2000; mode=log ;;
    L-100) clients=100; rate=200; mode=log ;;
    L-1000) clients=1000; rate=100; mode=log ;;
    L-1000-r50) clients=1000; rate=50; mode=log ;;
    idle-10000) clients=10000; mode=idle ;;
    *) echo "unknown case $case" >&2; exit 2 ;;
  esac
  export VIGIL_JAVA_OPTS="$base_java_opts"
  if ((clients >= 5000)); then export VIGIL_JAVA_OPTS="$base_java_opts -Xmx1g"; fi
  mkdir -p "$VIGIL_LOGS_SOURCES_BENCH_ROOT" && : > "$VIGIL_LOGS_SOURCES_BENCH_ROOT/app.log"
  stack_up
  ws="ws://127.0.0.1:$gateway_port/ws/monitor"
  case "$mode" in
    http) run_fanout "$case" "$clients" "$rate" --ws "$ws" \
            --http "http://127.0.0.1:$ingest_port/api/webhook/deployment" --template "$here/deployment-webhook.json" ;;
    log) run_fanout "$case" "$clients" "$rate" --ws "$ws" --subscribe '{"type":"subscribe","types":["log.lines"]}' \
            --log-file "$VIGIL_LOGS_SOURCES_BENCH_ROOT/app.log" ;;
    idle)
      pid="$(gateway_pid)"
      before="$(heap_used_kib "$pid")"
      node "$harness/fanout.mjs" --clients "$clients" --ws "$ws" --connect-concurrency 200 --connect-timeout 120 \
        --settle 30000 --rate 1 --duration 1 --drain 1 --body '{"id":"{{id}}"}' --http "http://127.0.0.1:9/none" --quiet \
        --json "$out/$case.json" >/dev/null 2>&1 &
      tool=$!
      for _ in $(seq 1 120); do # until every client is connected, at most 2 minutes
        open="$(ss -Htn state established "( sport = :$gateway_port )" | wc -l)"
        ((open >= clients)) && break
        sleep 1
      done
      with="$(heap_used_kib "$pid")"
      echo "idle-10000: $open clients open; heap after full GC $((before / 1024)) MiB before, $((with / 1024)) MiB with them:" \
        "$(((with - before) / 1024)) MiB for $clients connections" | tee "$out/$case.txt"
      wait "$tool" || true ;;
  esac
  stack_down
done
ls "$out"/V-*.json "$out"/L-*.json >/dev/null 2>&1 && node "$harness/summarize.mjs" "$out"/V-*.json "$out"/L-*.json
