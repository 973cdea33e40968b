#!/usr/bin/env bash
# The log tailing benchmark (issue 6): lines appended to pipeline step logs under log-stream-service's log root,
# read back as io.vigil.log.lines events from vigil.logs (a plain consumer, every partition, from the end).
# Throughput on one file (tail -n0 -F on the same file beside it) and the bare Kafka round trip with the same lines;
# latency and CPU at a fixed rate, twice (the machine is shared and noisy), each run with tail -n0 -F on the same
# file, the bare Kafka round trip at the same rate between the two; last, throughput on 100 files.
# Runs a throwaway stack (bench/stack.sh), loopback only; cleans up (stack, databases, step logs, the scratch
# topic, tail). The harness is bench/logs (not in the root reactor): build it once with
# ./mvnw -B -q -f bench/logs/pom.xml package.
#
# usage: bench/log-tail.sh [--commit REV | --root DIR]
#   --commit REV   measure that commit: export it (git archive) to a temporary directory, build it there
#                  (./mvnw -o -DskipTests package) and run its stack, leaving this work tree alone.
#   --root DIR     measure the services already built in another checkout or export (labelled with
#                  DIR/.bench-commit when present, else its git HEAD).
#   Without either, the services built in this work tree are measured (warns when sources are newer).
# Environment: BENCH_LINES (500000 lines in the throughput cases), BENCH_FILES (100 files for the second one),
# BENCH_RATE (5000 lines/s) and BENCH_SECONDS (30) for the latency runs, BENCH_BATCH_MS (1: a batch of
# RATE × BATCH_MS / 1000 lines every BATCH_MS), BENCH_WARMUP (50000 lines, not reported), BENCH_TIMEOUT (300 s at
# most per case), BENCH_CASES (throughput,latency; or any of one-file,many-files,kafka,latency),
# BENCH_POLL_INTERVAL (the service's VIGIL_LOGS_POLL_INTERVAL; its default when unset), BENCH_OUT
# (bench/logs/results: run.json, summary.md), BENCH_SERVICE_LOG (a file to copy log-stream-service's output to
# before the stack is removed; none when unset).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$here/logs"
commit=""
other_root=""
case "${1:-}" in
  --commit) [[ $# -ge 2 ]] || { echo "--commit needs a revision" >&2; exit 2; }
    commit="$(git -C "$here/.." rev-parse --verify "$2^{commit}")" ;;
  --root) [[ $# -ge 2 && -d "$2" ]] || { echo "--root needs a directory" >&2; exit 2; }
    other_root="$(cd "$2" && pwd)" ;;
  -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
  "") ;;
  *) echo "usage: bench/log-tail.sh [--commit REV | --root DIR]" >&2; exit 2 ;;
esac

[[ -f "$module/target/classpath.txt" && -d "$module/target/classes" ]] \
  || { echo "the harness is not built: ./mvnw -B -q -f bench/logs/pom.xml package" >&2; exit 1; }
command -v tail >/dev/null || { echo "tail (coreutils) is needed for the baseline" >&2; exit 1; }

source "$here/stack.sh" # sets root (this checkout), data, prefix, ports; stack_up / stack_down; cleans up on exit
stack_select "$commit" "$other_root" log-stream-service outbox events service-parent

jar="$root/log-stream-service/target/quarkus-app/quarkus-run.jar"
[[ -f "$jar" ]] || { echo "log-stream-service is not built ($jar)" >&2; exit 1; }
newer="$(find "$root/log-stream-service/src/main" "$root/log-stream-service/pom.xml" -type f -newer "$jar" -print -quit)"
[[ -z "$newer" ]] || echo "warning: $newer is newer than the built log-stream-service: the jar may not be what the source says" >&2

# The launcher passes its environment on to the services: every tree a service writes or tails lives inside the
# throwaway data directory (removed on exit), never in the shared /tmp/vigil defaults.
export VIGIL_LOGS_LOG_ROOT="$data/run-output" VIGIL_LOGS_TASK_ROOT="$data/tasks"
export VIGIL_PIPELINE_RUN_WORK_DIR="$data/run-work" VIGIL_PIPELINE_RUN_OUTPUT_DIR="$data/run-output"
if [[ -n "${BENCH_POLL_INTERVAL:-}" ]]; then export VIGIL_LOGS_POLL_INTERVAL="$BENCH_POLL_INTERVAL"; fi
unset KAFKA_BOOTSTRAP_SERVERS # the stack's own embedded broker, never an external one
mkdir -p "$VIGIL_LOGS_LOG_ROOT"

pg="$(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -Atc \
  "SELECT 'PostgreSQL ' || current_setting('server_version') || ' (fsync ' || current_setting('fsync')
          || ', synchronous_commit ' || current_setting('synchronous_commit') || ')'" 2>/dev/null || echo "PostgreSQL ?")"

load0="$(cut -d' ' -f1-3 /proc/loadavg)" # before the stack's own start-up adds to it
stack_up
read -r bootstrap logs_port pids < <(python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))
print(s["bootstrapServers"], s["ports"]["logs"], ",".join(f"{k}={v}" for k, v in s["pids"].items()))' "$data/stack.json")
echo "stack up: log-stream-service 127.0.0.1:$logs_port, broker $bootstrap, log root $VIGIL_LOGS_LOG_ROOT," \
  "poll interval ${VIGIL_LOGS_POLL_INTERVAL:-default}, measuring $label"

jvm="$(grep -o 'List.of("-Xmx[^)]*' "$root/deploy/local/src/main/java/io/vigil/local/ServiceProcess.java" |
  sed 's/List.of(//; s/"//g')"
note="$pg, the stack's embedded Kafka broker, services as the launcher starts them ($jvm${VIGIL_JAVA_OPTS:+ $VIGIL_JAVA_OPTS})"
note="$note${VIGIL_LOGS_POLL_INTERVAL:+, VIGIL_LOGS_POLL_INTERVAL=$VIGIL_LOGS_POLL_INTERVAL}"
note="$note; load average before the stack started: $load0"
status=0
java -Xms256m -Xmx768m -XX:+UseSerialGC -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" \
  io.vigil.bench.logs.LogTailBench --bootstrap "$bootstrap" --log-root "$VIGIL_LOGS_LOG_ROOT" \
  --out "${BENCH_OUT:-$module/results}" --lines "${BENCH_LINES:-500000}" --files "${BENCH_FILES:-100}" \
  --rate "${BENCH_RATE:-5000}" --seconds "${BENCH_SECONDS:-30}" --batch-ms "${BENCH_BATCH_MS:-1}" \
  --warmup "${BENCH_WARMUP:-50000}" --timeout "${BENCH_TIMEOUT:-300}" --cases "${BENCH_CASES:-throughput,latency}" \
  --pids "$pids" --database "${prefix}logs" --commit "$label" --note "$note" || status=$?
service_log="$data/logs/output.log"
if [[ -n "${BENCH_SERVICE_LOG:-}" ]]; then cp "$service_log" "$BENCH_SERVICE_LOG" || true; fi
failure="$(grep -m1 -h -E 'Exception in thread "vigil-log-tailing"|OutOfMemoryError' "$service_log" 2>/dev/null || true)"
[[ -z "$failure" ]] || echo "warning: log-stream-service failed while tailing: $failure" >&2
stack_down
exit "$status"
